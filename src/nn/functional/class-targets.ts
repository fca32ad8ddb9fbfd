/** Checks for losses whose target is a class index per sample (crossEntropy, nllLoss, multiMarginLoss). */
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

/**
 * The target must be int32 with the input's shape minus the class dimension (1; 0 for an
 * unbatched [C] input), each value a class in [0, C) or ignoreIndex.
 */
export function checkClassTarget(op: string, input: Tensor, target: Tensor, ignoreIndex?: number): void {
  if (input.ndim === 0) throw new ShapeError(`${op}: input must be [C], [N, C] or [N, C, d1, …] scores, got a scalar`);
  if (target.dtype !== "int32") {
    throw new TypeError(
      `${op}: target must hold class indices as int32, got ${target.dtype} of shape ${fmtShape(target.shape)}; ` +
        `convert labels with target.int()`,
    );
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  const expected = input.shape.filter((_, i) => i !== classDim);
  if (target.ndim !== expected.length || target.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(
      `${op}: target of shape ${fmtShape(target.shape)} does not fit input of shape ${fmtShape(input.shape)}; ` +
        `expected ${fmtShape(expected)} (the input's shape without the class dimension ${classDim})`,
    );
  }
  const classes = input.shape[classDim];
  target.values.forEach((c, i) => {
    if ((c < 0 || c >= classes) && c !== ignoreIndex) {
      throw new RangeError(`${op}: target class ${c} at position ${i} is out of range for ${classes} classes (expected 0 to ${classes - 1})`);
    }
  });
}

/** A per-class weight must be a float vector of C values. */
export function checkClassWeight(op: string, weight: Tensor | undefined, classes: number): void {
  if (!weight) return;
  if (weight.ndim !== 1 || weight.shape[0] !== classes || weight.dtype === "int32") {
    throw new ShapeError(`${op}: weight must be a float vector of one value per class, shape [${classes}]; got ${weight.dtype} ${fmtShape(weight.shape)}`);
  }
}
