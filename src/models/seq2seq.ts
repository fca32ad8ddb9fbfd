/**
 * An encoder–decoder LSTM (Sutskever, Vinyals & Le 2014) with optional Luong "general" attention
 * (Luong, Pham & Manning 2015): the encoder LSTM reads the source, its final h and c start the
 * decoder LSTM, and at each target step the decoder state h_t scores every encoder output h̄_s by
 * h_tᵀ·W_a·h̄_s; the softmax of those scores (padding masked out) weighs the encoder outputs into a
 * context c_t, and the prediction is made from h̃_t = tanh(W_c·[c_t; h_t]). Without attention the
 * prediction is made from h_t alone. The decoder is not input-fed (h̃_t is not fed back), so a whole
 * teacher-forced target runs through the decoder LSTM in one call.
 */
import * as nn from "../nn/index.js";
import { noGrad } from "../autograd/index.js";
import { concat, indexSelect, logSoftmax, tensor, where } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import type { StepDecoder } from "./seq2seq-decode.js";

export interface Seq2SeqOptions {
  embeddingDim?: number;
  hiddenSize?: number;
  /** Stacked LSTM layers in the encoder and in the decoder. Default 1. */
  numLayers?: number;
  /** "general" (default): Luong's h_tᵀ·W_a·h̄_s attention; "none": the plain Sutskever model. */
  attention?: "general" | "none";
  /** Token id of padding in the source (its embedding stays zero). Default 0. */
  paddingIdx?: number;
}

/**
 * What the decoder needs, batch of N rows: the LSTM state h, c [numLayers, N, hidden], the encoder
 * outputs [N, S, hidden] and, per source position, whether it is padding [N, 1, S].
 */
export interface Seq2SeqState {
  h: Tensor;
  c: Tensor;
  memory: Tensor;
  padding: Tensor;
}

export class Seq2Seq extends nn.Module {
  embedding: nn.Embedding;
  encoder: nn.LSTM;
  decoder: nn.LSTM;
  /** W_a of the attention score (null without attention). */
  attentionWeight: nn.Linear | null;
  /** W_c, combining context and decoder state (null without attention). */
  combine: nn.Linear | null;
  output: nn.Linear;
  readonly config: Required<Seq2SeqOptions> & { vocabSize: number };

  /** One vocabulary (and embedding table) is shared by source and target. */
  constructor(vocabSize: number, { embeddingDim = 32, hiddenSize = 128, numLayers = 1, attention = "general", paddingIdx = 0 }: Seq2SeqOptions = {}) {
    super();
    if (attention !== "general" && attention !== "none") throw new TypeError(`Seq2Seq: attention must be "general" or "none", got ${JSON.stringify(attention)}`);
    this.config = { vocabSize, embeddingDim, hiddenSize, numLayers, attention, paddingIdx };
    this.embedding = new nn.Embedding(vocabSize, embeddingDim, { paddingIdx });
    this.encoder = new nn.LSTM(embeddingDim, hiddenSize, { numLayers, batchFirst: true });
    this.decoder = new nn.LSTM(embeddingDim, hiddenSize, { numLayers, batchFirst: true });
    this.attentionWeight = attention === "general" ? new nn.Linear(hiddenSize, hiddenSize, { bias: false }) : null;
    this.combine = attention === "general" ? new nn.Linear(2 * hiddenSize, hiddenSize) : null;
    this.output = new nn.Linear(hiddenSize, vocabSize);
  }

  /** Read int32 source [N, S] with valid lengths [N]: the decoder's starting state. */
  encode(source: Tensor, sourceLengths: Tensor): Seq2SeqState {
    if (source.ndim !== 2 || source.dtype !== "int32") throw new TypeError(`Seq2Seq.encode: source must be int32 [N, S], got ${source.dtype} [${source.shape.join(", ")}]`);
    const { output, h, c } = this.encoder.forwardWithState(this.embedding.forward(source), {}, { lengths: sourceLengths });
    const [n, s] = source.shape;
    const lengths = sourceLengths.values;
    const padding = new Int32Array(n * s);
    for (let i = 0; i < n; i++) padding.fill(1, i * s + lengths[i], (i + 1) * s);
    return { h, c: c!, memory: output, padding: tensor(padding, [n, 1, s]) };
  }

  /**
   * Run the decoder over int32 inputs [N, T] (teacher forcing: SOS then the target) from a state:
   * the logits [N, T, vocabSize] of each next token, and the state after the last step.
   */
  decode(inputs: Tensor, state: Seq2SeqState): { logits: Tensor; state: Seq2SeqState } {
    const { output, h, c } = this.decoder.forwardWithState(this.embedding.forward(inputs), state);
    return { logits: this.output.forward(this.attend(output, state)), state: { ...state, h, c: c! } };
  }

  /** h̃ = tanh(W_c·[context; h]) for decoder outputs [N, T, hidden], or the outputs themselves without attention. */
  attend(decoded: Tensor, { memory, padding }: Seq2SeqState): Tensor {
    if (!this.attentionWeight || !this.combine) return decoded;
    const scores = this.attentionWeight.forward(decoded).matmul(memory.transpose(1, 2)); // [N, T, S]
    const weights = where(padding, -1e9, scores).softmax(-1);
    const context = weights.matmul(memory);
    return this.combine.forward(concat([context, decoded], -1)).tanh();
  }

  /** Teacher-forced logits [N, T, vocabSize] for decoder inputs [N, T]. */
  forward(source: Tensor, sourceLengths: Tensor, decoderInput: Tensor): Tensor {
    return this.decode(decoderInput, this.encode(source, sourceLengths)).logits;
  }

  /** Mean cross-entropy of the next-token predictions, padding positions of target [N, T] ignored. */
  loss(source: Tensor, sourceLengths: Tensor, decoderInput: Tensor, target: Tensor): Tensor {
    const logits = this.forward(source, sourceLengths, decoderInput);
    return nn.functional.crossEntropy(logits.reshape([-1, this.config.vocabSize]), target.reshape([-1]), { ignoreIndex: this.config.paddingIdx });
  }

  /** This model as a StepDecoder for greedyDecode and beamSearch (no gradients are recorded). */
  stepDecoder(): StepDecoder<Seq2SeqState> {
    return {
      vocabSize: this.config.vocabSize,
      step: (tokens, state) =>
        noGrad(() => {
          const next = this.decode(tensor(tokens, [tokens.length, 1]), state);
          return { logProbs: logSoftmax(next.logits, -1).values as Float32Array, state: next.state };
        }),
      reorder: (state, rows) => {
        const index = tensor(rows, [rows.length]);
        return {
          h: indexSelect(state.h, 1, index),
          c: indexSelect(state.c, 1, index),
          memory: indexSelect(state.memory, 0, index),
          padding: indexSelect(state.padding, 0, index),
        };
      },
    };
  }
}
