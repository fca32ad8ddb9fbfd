/** What viz's attribution and input-optimisation tools ask of a classifier: its scores, checked images and class indices. */
import { reshape } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";

/** A model mapping a batch of inputs [N, …] to unnormalised class scores [N, K] (an nn.Module does). */
export interface Classifier {
  forward(x: Tensor): Tensor;
}

/** The model's scores for a batch x, checked to be [N, K] with one row per input. */
export function classScores(fn: string, model: Classifier, x: Tensor): Tensor {
  const scores = model.forward(x);
  if (scores.ndim !== 2 || scores.shape[0] !== x.shape[0]) {
    throw new ShapeError(`${fn}: the model must return class scores [N, classes] for a batch of N inputs; for input ${fmtShape(x.shape)} it returned ${fmtShape(scores.shape)}`);
  }
  return scores;
}

/** A single image [C, H, W] or [1, C, H, W], as a batch of one [1, C, H, W]. */
export function asSingleImage(fn: string, input: Tensor): Tensor {
  if (input.ndim === 3) return reshape(input, [1, ...input.shape]);
  if (input.ndim === 4 && input.shape[0] === 1) return input;
  throw new ShapeError(`${fn}: input must be one image [C, H, W] or [1, C, H, W], got shape ${fmtShape(input.shape)}`);
}

/** Check that c is a class index of a model with `classes` outputs, naming `what` it is. */
export function checkClassIndex(fn: string, what: string, c: number, classes: number): void {
  if (!Number.isInteger(c) || c < 0 || c >= classes) {
    throw new RangeError(`${fn}: ${what} ${c} is out of range for a model with ${classes} classes (expected an integer from 0 to ${classes - 1})`);
  }
}
