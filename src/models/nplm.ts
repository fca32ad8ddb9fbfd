/**
 * The neural probabilistic language model of Bengio, Ducharme, Vincent & Jauvin (2003): the
 * embeddings of the n − 1 previous words, shared by every position, concatenated into x, then
 *
 *   y = b + W·x + U·tanh(d + H·x),   P(w_t | w_{t−n+1} … w_{t−1}) = softmax(y)_{w_t}
 *
 * with W the optional direct connections from the embeddings to the output.
 */
import * as nn from "../nn/index.js";
import { noGrad } from "../autograd/index.js";
import { add, logSoftmax, tanh, tensor } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { checkIds, sumTargetLogProbs, type LanguageModel } from "./language-model.js";

export interface NPLMOptions {
  /** Words the model predicts (ids 0 … vocabSize − 1). */
  vocabSize: number;
  /** n − 1: how many previous words the model reads. */
  context: number;
  /** Size of each word's embedding (the paper's m). */
  embeddingDim: number;
  /** Units of the tanh hidden layer (the paper's h). */
  hidden: number;
  /** Adds W, direct connections from the concatenated embeddings to the output (default false). */
  directConnections?: boolean;
}

/**
 * Bengio et al.'s model. Positions before the start of a stream are read as `startId` (= vocabSize),
 * an extra row of the embedding table that is learned but never predicted: so the second token of a
 * stream is predicted from [start, …, start, token 0], and from token n − 1 on the context is all words.
 */
export class NPLM extends nn.Module implements LanguageModel {
  /** C: one row per word, plus the start row. */
  embedding: nn.Embedding;
  /** H and d. */
  hiddenLayer: nn.Linear;
  /** U and b. */
  outputLayer: nn.Linear;
  /** W (no bias: b is the output layer's), or null without direct connections. */
  direct: nn.Linear | null;
  readonly config: Required<NPLMOptions>;

  constructor(options: NPLMOptions) {
    super();
    const { vocabSize, context, embeddingDim, hidden, directConnections = false } = options;
    for (const [name, n] of [["vocabSize", vocabSize], ["context", context], ["embeddingDim", embeddingDim], ["hidden", hidden]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`NPLM: ${name} must be a positive integer, got ${n}`);
    }
    this.config = { vocabSize, context, embeddingDim, hidden, directConnections };
    this.embedding = new nn.Embedding(vocabSize + 1, embeddingDim);
    this.hiddenLayer = new nn.Linear(context * embeddingDim, hidden);
    this.outputLayer = new nn.Linear(hidden, vocabSize);
    this.direct = directConnections ? new nn.Linear(context * embeddingDim, vocabSize, { bias: false }) : null;
  }

  /** The id that stands for "before the start of the stream" in a context window. */
  get startId(): number {
    return this.config.vocabSize;
  }

  /** x: int32 [batch, context] of ids in 0 … vocabSize (startId included) → logits y [batch, vocabSize]. */
  forward(x: Tensor): Tensor {
    const { context, embeddingDim } = this.config;
    if (x.ndim !== 2 || x.shape[1] !== context) {
      throw new RangeError(`NPLM.forward: expected int32 context windows [batch, ${context}], got [${x.shape.join(", ")}]`);
    }
    const flat = this.embedding.forward(x).reshape([x.shape[0], context * embeddingDim]);
    const y = this.outputLayer.forward(tanh(this.hiddenLayer.forward(flat)));
    return this.direct ? add(y, this.direct.forward(flat)) : y;
  }

  /**
   * The context windows of `positions` in `tokens`: row i holds tokens[p − context … p − 1] for
   * p = positions[i], with startId where that reaches before token 0. Shaped [positions, context].
   */
  windows(tokens: ArrayLike<number>, positions: ArrayLike<number>): Tensor {
    const n = this.config.context;
    const ids = new Int32Array(positions.length * n);
    for (let i = 0; i < positions.length; i++) {
      for (let j = 0; j < n; j++) {
        const at = positions[i] - n + j;
        ids[i * n + j] = at < 0 ? this.startId : tokens[at];
      }
    }
    return tensor(ids, [positions.length, n]);
  }

  /**
   * Log-probability in nats of tokens[1 …] given the tokens before each: Σ_{t ≥ 1} log P(tokens[t] | tokens[t − n + 1 … t − 1]).
   * Token 0 is given (not scored), as for every model of lm-compare; contexts reaching before it read startId.
   */
  score(tokens: ArrayLike<number>): number {
    checkIds("NPLM.score", tokens, this.config.vocabSize);
    const wasTraining = this.training;
    this.eval();
    let total = 0;
    try {
      noGrad(() => {
        for (let from = 1; from < tokens.length; from += SCORE_BATCH) {
          const positions = Array.from({ length: Math.min(SCORE_BATCH, tokens.length - from) }, (_, i) => from + i);
          total += sumTargetLogProbs(logSoftmax(this.forward(this.windows(tokens, positions))), positions.map((p) => tokens[p]));
        }
      });
    } finally {
      this.train(wasTraining);
    }
    return total;
  }
}

/** Windows scored per forward pass: bounds the logits held at once ([SCORE_BATCH, vocabSize]). */
const SCORE_BATCH = 512;
