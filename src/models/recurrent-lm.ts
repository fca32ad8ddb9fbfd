/**
 * A recurrent language model: Embedding → RNN, LSTM or GRU → Linear over the vocabulary,
 * predicting each next token (characters for Karpathy's char-rnn, words for Mikolov's RNNLM).
 * forwardWithState carries the recurrent state across consecutive chunks of a long text, which is
 * what truncated backpropagation through time needs.
 */
import * as nn from "../nn/index.js";
import { noGrad } from "../autograd/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../tensor/index.js";
import type { CharVocabulary } from "../data/index.js";
import { logSoftmax, tensor } from "../ops/index.js";
import { checkIds, sumTargetLogProbs, type LanguageModel } from "./language-model.js";

export type RecurrentCell = "rnn" | "lstm" | "gru";

export interface RecurrentLMOptions {
  /** The recurrent layer: Elman RNN (tanh), LSTM (default) or GRU. */
  cell?: RecurrentCell;
  embeddingDim?: number;
  hiddenSize?: number;
  numLayers?: number;
  /** Dropout between stacked recurrent layers and before the output layer (training only). */
  dropout?: number;
}

/** The recurrent layers' state after a chunk: h (and c for an LSTM), each [numLayers, batch, hiddenSize]. */
export interface LMState {
  h: Tensor;
  c?: Tensor;
}

const cells = { rnn: nn.RNN, lstm: nn.LSTM, gru: nn.GRU };

export class RecurrentLM extends nn.Module implements LanguageModel {
  embedding: nn.Embedding;
  rnn: nn.RNN | nn.LSTM | nn.GRU;
  dropout: nn.Dropout;
  decoder: nn.Linear;
  readonly config: Required<RecurrentLMOptions> & { vocabSize: number };

  constructor(vocabSize: number, { cell = "lstm", embeddingDim = 64, hiddenSize = 256, numLayers = 1, dropout = 0 }: RecurrentLMOptions = {}) {
    super();
    if (!(cell in cells)) throw new TypeError(`RecurrentLM: unknown cell "${cell}"; expected rnn, lstm or gru`);
    this.config = { vocabSize, cell, embeddingDim, hiddenSize, numLayers, dropout };
    this.embedding = new nn.Embedding(vocabSize, embeddingDim);
    this.rnn = new cells[cell](embeddingDim, hiddenSize, { numLayers, dropout, batchFirst: true });
    this.dropout = new nn.Dropout(dropout);
    this.decoder = new nn.Linear(hiddenSize, vocabSize);
  }

  /** x: int32 [batch, time] → logits [batch, time, vocabSize], and the state after the last step. */
  forwardWithState(x: Tensor, state?: LMState): { logits: Tensor; state: LMState } {
    const { output, h, c } = this.rnn.forwardWithState(this.embedding.forward(x), state ?? {});
    return { logits: this.decoder.forward(this.dropout.forward(output)), state: c ? { h, c } : { h } };
  }

  forward(x: Tensor): Tensor {
    return this.forwardWithState(x).logits;
  }

  /**
   * Log-probability in nats of tokens[1 …], each given every token before it:
   * Σ_{t ≥ 1} log P(tokens[t] | tokens[0 … t − 1]). The network starts from a zero state and reads
   * token 0 first, so token 0 is given (not scored). Run in eval mode, in chunks of SCORE_CHUNK tokens
   * carrying the state, which gives the same sum as one pass over the whole stream.
   */
  score(tokens: ArrayLike<number>): number {
    checkIds("RecurrentLM.score", tokens, this.config.vocabSize);
    const ids = Int32Array.from(tokens);
    const wasTraining = this.training;
    this.eval();
    let total = 0;
    try {
      noGrad(() => {
        let state: LMState | undefined;
        for (let from = 0; from < ids.length - 1; from += SCORE_CHUNK) {
          const to = Math.min(from + SCORE_CHUNK, ids.length - 1);
          const out = this.forwardWithState(tensor(ids.slice(from, to), [1, to - from]), state);
          total += sumTargetLogProbs(logSoftmax(out.logits), ids.subarray(from + 1, to + 1));
          state = out.state;
        }
      });
    } finally {
      this.train(wasTraining);
    }
    return total;
  }
}

/** Tokens per forward pass of RecurrentLM.score: bounds the logits held at once ([1, SCORE_CHUNK, vocabSize]). */
const SCORE_CHUNK = 256;

export interface SampleOptions {
  /** Text to condition on (at least one character of the vocabulary); default: a newline if the vocabulary has one. */
  prime?: string;
  /** Characters to generate. */
  length: number;
  /** Divides the logits: below 1 is more conservative, above 1 more surprising. Default 1. */
  temperature?: number;
  generator?: Generator;
}

/** Generate text one character at a time, feeding each sample back in. Returns only the generated part. */
export function sampleText(model: RecurrentLM, vocab: CharVocabulary, options: SampleOptions): string {
  const { length, temperature = 1, generator = defaultGenerator } = options;
  if (!(temperature > 0)) throw new RangeError(`sampleText: temperature must be positive, got ${temperature}`);
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`sampleText: length must be a non-negative integer, got ${length}`);
  const prime = options.prime ?? (vocab.chars.includes("\n") ? "\n" : vocab.chars[0]);
  const primeIds = vocab.encode(prime);
  if (primeIds.length === 0) throw new RangeError("sampleText: the prime must contain at least one character of the vocabulary");
  const wasTraining = model.training;
  model.eval();
  const out: number[] = [];
  try {
    noGrad(() => {
      let { logits, state } = model.forwardWithState(tensor(primeIds, [1, primeIds.length]));
      for (let i = 0; i < length; i++) {
        const next = drawFromLogits(logits.values.subarray(logits.size - vocab.size), temperature, generator);
        out.push(next);
        ({ logits, state } = model.forwardWithState(tensor(Int32Array.of(next), [1, 1]), state));
      }
    });
  } finally {
    model.train(wasTraining);
  }
  return vocab.decode(out);
}

/** A class drawn with probability softmax(logits / temperature). */
function drawFromLogits(logits: ArrayLike<number>, temperature: number, generator: Generator): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / temperature);
  const weights = Array.from(logits, (v) => Math.exp(v / temperature - max));
  let u = generator.uniform() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
}
