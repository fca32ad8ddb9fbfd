/** The check every unsupervised model makes of its data: samples in rows, finite, of the width the model expects. */
import { fmtShape, Tensor } from "../tensor/index.js";

/**
 * x as a matrix [N, D] (an image batch [N, C, H, W] is flattened per sample), after checking that it
 * is a non-empty float tensor of finite values and, when `width` is given, that D = width. `who` and
 * `argument` name the caller and the argument in the error.
 */
export function featureMatrix(who: string, argument: string, x: Tensor, width?: number): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${who}: ${argument} must be a Tensor of samples in rows, got ${String(x)}`);
  if (x.ndim < 2 || x.size === 0) {
    throw new RangeError(`${who}: ${argument} must hold at least one sample, as [N, features] or [N, C, H, W]; got shape ${fmtShape(x.shape)}`);
  }
  if (x.dtype === "int32") throw new TypeError(`${who}: ${argument} must be a float tensor, got int32 (convert it with .float())`);
  const n = x.shape[0];
  const d = x.size / n;
  if (width !== undefined && d !== width) {
    throw new RangeError(`${who}: ${argument} has ${d} features per sample (shape ${fmtShape(x.shape)}), the model expects ${width}`);
  }
  const values = x.values;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${who}: ${argument} holds a non-finite value (${values[i]}) at sample ${Math.floor(i / d)}, feature ${i % d}; clean or impute the data first`);
    }
  }
  return x.ndim === 2 ? x : x.reshape([n, d]);
}
