/**
 * Show and Tell (Vinyals, Toshev, Bengio & Erhan 2015): a convnet reads the image, a linear layer
 * maps its whole feature map into the word-embedding space, and that vector is the LSTM's first
 * input (x₋₁ = W_I·CNN(I)), before the start token; the image is seen once, and the LSTM's memory
 * must carry it through the caption.
 *
 * One addition to Vinyals et al.: batch normalisation of x₋₁ (imageNorm). The flattened feature map
 * (1,568 numbers for the example's encoder, all ≥ 0 after ReLU) is mostly a part common to every
 * image (norm ≈ 40 against ≈ 20 for what varies between images, on a mostly black canvas), so
 * Adam, moving every one of W_I's weights by about lr a step, grows the common part of x₋₁ from
 * norm 3 to 200 in the first 25 steps at lr 0.01 (to 100 in 150 steps at lr 0.001): the LSTM's
 * gates saturate on it, the state after the image becomes the same for every image, no gradient
 * reaches W_I or the convnet (10⁻⁶), and the loss stayed at the cost of guessing each digit.
 * Normalising x₋₁ over the batch keeps only what tells the images apart, at a fixed scale.
 */
import { noGrad } from "../autograd/index.js";
import * as nn from "../nn/index.js";
import { concat, logSoftmax, tensor } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { CaptionEncoder, type CaptionEncoderOptions } from "./caption-encoder.js";
import { reorderRows, type Captioner } from "./captioner.js";
import type { StepDecoder } from "./seq2seq-decode.js";

export interface ShowAndTellOptions extends CaptionEncoderOptions {
  embeddingDim?: number;
  hiddenSize?: number;
}

/** The LSTM's h and c [1, N, hidden]. */
export interface ShowAndTellState extends Record<string, Tensor> {
  h: Tensor;
  c: Tensor;
}

export class ShowAndTell extends nn.Module implements Captioner<ShowAndTellState> {
  encoder: CaptionEncoder;
  /** W_I: the flattened feature map into the embedding space. */
  imageEmbedding: nn.Linear;
  /** Batch normalisation of W_I·CNN(I), over the batch (see above). */
  imageNorm: nn.BatchNorm1d;
  embedding: nn.Embedding;
  lstm: nn.LSTM;
  output: nn.Linear;
  readonly vocabSize: number;

  constructor(vocabSize: number, { embeddingDim = 64, hiddenSize = 128, ...encoder }: ShowAndTellOptions = {}) {
    super();
    if (!Number.isInteger(vocabSize) || vocabSize < 2) throw new RangeError(`ShowAndTell: vocabSize must be an integer ≥ 2, got ${vocabSize}`);
    this.vocabSize = vocabSize;
    this.encoder = new CaptionEncoder(encoder);
    const [h, w] = this.encoder.mapSize;
    this.imageEmbedding = new nn.Linear(this.encoder.channels * h * w, embeddingDim);
    this.imageNorm = new nn.BatchNorm1d(embeddingDim);
    this.embedding = new nn.Embedding(vocabSize, embeddingDim, { paddingIdx: 0 });
    this.lstm = new nn.LSTM(embeddingDim, hiddenSize, { batchFirst: true });
    this.output = new nn.Linear(hiddenSize, vocabSize);
  }

  /** x₋₁, the image as the LSTM's first input [N, 1, embeddingDim]. */
  private imageInput(images: Tensor): Tensor {
    return this.imageNorm.forward(this.imageEmbedding.forward(this.encoder.forward(images).flatten(1))).unsqueeze(1);
  }

  forward(images: Tensor, input: Tensor): Tensor {
    const sequence = concat([this.imageInput(images), this.embedding.forward(input)], 1);
    const { output } = this.lstm.forwardWithState(sequence);
    return this.output.forward(output.narrow(1, 1, input.shape[1]));
  }

  begin(images: Tensor): ShowAndTellState {
    const { h, c } = this.lstm.forwardWithState(this.imageInput(images));
    return { h, c: c! };
  }

  stepDecoder(): StepDecoder<ShowAndTellState> {
    return {
      vocabSize: this.vocabSize,
      step: (tokens, state) =>
        noGrad(() => {
          const { output, h, c } = this.lstm.forwardWithState(this.embedding.forward(tensor(tokens, [tokens.length, 1])), state);
          return { logProbs: logSoftmax(this.output.forward(output), -1).values as Float32Array, state: { h, c: c! } };
        }),
      reorder: (state, rows) => reorderRows(state, rows, { h: 1, c: 1 }),
    };
  }
}
