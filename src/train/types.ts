/** What the training loop needs of the things it is given; nn, optim and data provide them. */
import type { Tensor } from "../index.js";

export interface Batch {
  x: Tensor;
  y: Tensor;
}

export type LossFn = (output: Tensor, target: Tensor) => Tensor;

export interface Classifier {
  forward(x: Tensor): Tensor;
  training: boolean;
  train(mode?: boolean): unknown;
  eval(): unknown;
}
