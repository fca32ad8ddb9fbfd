/**
 * Show, Attend and Tell with deterministic soft attention (Xu et al. 2015): the convnet's feature
 * map is a set of L annotation vectors a_i (one per location); before each word the decoder scores
 * every location from its previous state, e_ti = w·tanh(W_a·a_i + W_h·h_{t−1}), weighs the
 * annotations by α_t = softmax(e_t) into a context ẑ_t = Σ_i α_ti·a_i, feeds [E·y_{t−1}; ẑ_t] to an
 * LSTM cell, and predicts the word by the deep output p ∝ exp(L_o(E·y_{t−1} + L_h·h_t + L_z·ẑ_t)).
 * h₀ and c₀ are tanh of linear maps of the mean annotation. α_t can be read for every word.
 * One addition to Xu et al.: a learned embedding of each location is added to its annotation. A
 * small convnet over a black canvas gives the same features for a digit wherever it is, and the
 * captions need to know where ("above", "left of") and to read the digits in order. Xu et al.'s
 * gate β on ẑ and their doubly stochastic attention penalty are left out.
 */
import { noGrad } from "../autograd/index.js";
import * as nn from "../nn/index.js";
import { concat, logSoftmax, randn, stack, tensor } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { CaptionEncoder, type CaptionEncoderOptions } from "./caption-encoder.js";
import { reorderRows, type Captioner } from "./captioner.js";
import type { StepDecoder } from "./seq2seq-decode.js";

export interface ShowAttendTellOptions extends CaptionEncoderOptions {
  embeddingDim?: number;
  hiddenSize?: number;
  /** Size of the attention MLP's hidden layer. Default 64. */
  attentionDim?: number;
}

/** The decoder's state: h, c [N, hidden], the annotations [N, L, C] and their projections W_a·a_i [N, L, attentionDim]. */
export interface ShowAttendTellState extends Record<string, Tensor> {
  h: Tensor;
  c: Tensor;
  annotations: Tensor;
  keys: Tensor;
}

export class ShowAttendTell extends nn.Module implements Captioner<ShowAttendTellState> {
  encoder: CaptionEncoder;
  /** A learned vector per feature-map location [L, C], added to the annotations. */
  locationEmbedding: nn.Parameter;
  initH: nn.Linear;
  initC: nn.Linear;
  /** W_a, W_h and w of the attention score. */
  annotationProjection: nn.Linear;
  stateProjection: nn.Linear;
  score: nn.Linear;
  embedding: nn.Embedding;
  cell: nn.LSTMCell;
  /** L_h, L_z and L_o of the deep output. */
  hiddenOutput: nn.Linear;
  contextOutput: nn.Linear;
  output: nn.Linear;
  readonly vocabSize: number;

  constructor(vocabSize: number, { embeddingDim = 64, hiddenSize = 128, attentionDim = 64, ...encoder }: ShowAttendTellOptions = {}) {
    super();
    if (!Number.isInteger(vocabSize) || vocabSize < 2) throw new RangeError(`ShowAttendTell: vocabSize must be an integer ≥ 2, got ${vocabSize}`);
    this.vocabSize = vocabSize;
    this.encoder = new CaptionEncoder(encoder);
    const C = this.encoder.channels;
    const [mapH, mapW] = this.encoder.mapSize;
    this.locationEmbedding = new nn.Parameter(randn([mapH * mapW, C]).mul(0.5));
    this.initH = new nn.Linear(C, hiddenSize);
    this.initC = new nn.Linear(C, hiddenSize);
    this.annotationProjection = new nn.Linear(C, attentionDim);
    this.stateProjection = new nn.Linear(hiddenSize, attentionDim, { bias: false });
    this.score = new nn.Linear(attentionDim, 1);
    this.embedding = new nn.Embedding(vocabSize, embeddingDim, { paddingIdx: 0 });
    this.cell = new nn.LSTMCell(embeddingDim + C, hiddenSize);
    this.hiddenOutput = new nn.Linear(hiddenSize, embeddingDim);
    this.contextOutput = new nn.Linear(C, embeddingDim);
    this.output = new nn.Linear(embeddingDim, vocabSize);
  }

  /** The state before the first word, from the annotations [N, L, C] of an encoder output. */
  startFrom(annotations: Tensor): ShowAttendTellState {
    const mean = annotations.mean(1);
    return { h: this.initH.forward(mean).tanh(), c: this.initC.forward(mean).tanh(), annotations, keys: this.annotationProjection.forward(annotations) };
  }

  begin(images: Tensor): ShowAttendTellState {
    return this.startFrom(this.encoder.forward(images).flatten(2).transpose(1, 2).add(this.locationEmbedding));
  }

  /** One word: previous words [N] in, next-word logits [N, vocab], the attention α [N, L] used, and the new state. */
  step(words: Tensor, state: ShowAttendTellState): { logits: Tensor; attention: Tensor; state: ShowAttendTellState } {
    const query = this.stateProjection.forward(state.h).unsqueeze(1);
    const attention = this.score.forward(state.keys.add(query).tanh()).squeeze(-1).softmax(-1);
    const context = attention.unsqueeze(1).matmul(state.annotations).squeeze(1);
    const embedded = this.embedding.forward(words);
    const { h, c } = this.cell.forwardWithState(concat([embedded, context], 1), state);
    const deep = embedded.add(this.hiddenOutput.forward(h)).add(this.contextOutput.forward(context));
    return { logits: this.output.forward(deep), attention, state: { ...state, h, c } };
  }

  /** Teacher forcing from a state: the logits [N, T, vocab] and attention [N, T, L] of every step of input [N, T]. */
  run(input: Tensor, state: ShowAttendTellState): { logits: Tensor; attention: Tensor } {
    if (input.ndim !== 2 || input.dtype !== "int32") throw new TypeError(`ShowAttendTell: input must be int32 [N, T], got ${input.dtype} [${input.shape.join(", ")}]`);
    const logits: Tensor[] = [];
    const attention: Tensor[] = [];
    for (let t = 0; t < input.shape[1]; t++) {
      const out = this.step(input.select(1, t), state);
      logits.push(out.logits);
      attention.push(out.attention);
      state = out.state;
    }
    return { logits: stack(logits, 1), attention: stack(attention, 1) };
  }

  forward(images: Tensor, input: Tensor): Tensor {
    return this.run(input, this.begin(images)).logits;
  }

  /**
   * Where the model looked for each word of the given input [N, T] (start token then a caption,
   * such as one it generated): α [N, T, mapHeight, mapWidth], row t being the attention used to
   * predict word t (evaluation mode, no gradients).
   */
  attentionMaps(images: Tensor, input: Tensor): Tensor {
    const wasTraining = this.training;
    this.eval();
    try {
      const { attention } = noGrad(() => this.run(input, this.begin(images)));
      return attention.reshape([input.shape[0], input.shape[1], ...this.encoder.mapSize]);
    } finally {
      this.train(wasTraining);
    }
  }

  stepDecoder(): StepDecoder<ShowAttendTellState> {
    return {
      vocabSize: this.vocabSize,
      step: (tokens, state) =>
        noGrad(() => {
          const out = this.step(tensor(tokens, [tokens.length]), state);
          return { logProbs: logSoftmax(out.logits, -1).values as Float32Array, state: out.state };
        }),
      reorder: (state, rows) => reorderRows(state, rows, { h: 0, c: 0, annotations: 0, keys: 0 }),
    };
  }
}
