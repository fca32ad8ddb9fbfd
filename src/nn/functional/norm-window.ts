/**
 * Windowed sums along one axis, the building block of the local normalisations (LRN across
 * channels; box and Gaussian windows over space, applied one axis at a time since both windows are
 * separable). Written with ops, so gradients come for free.
 */
import { add, concat, mul, narrow, zeros } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";

/**
 * out[…, i, …] = Σₖ weights[k] · x[…, i − before + k, …] along `axis`, counting x as zero outside
 * its extent: a 1-D correlation that keeps the axis length. Costs one pass over x per nonzero weight.
 */
export function windowSum(x: Tensor, axis: number, weights: readonly number[], before: number): Tensor {
  const length = x.shape[axis];
  const after = weights.length - 1 - before;
  const padding = (n: number) => zeros(x.shape.map((size, d) => (d === axis ? n : size)), { dtype: x.dtype });
  const padded = concat([...(before > 0 ? [padding(before)] : []), x, ...(after > 0 ? [padding(after)] : [])], axis);
  let out: Tensor | null = null;
  for (let k = 0; k < weights.length; k++) {
    if (weights[k] === 0) continue;
    const shifted = narrow(padded, axis, k, length);
    const term = weights[k] === 1 ? shifted : mul(shifted, weights[k]);
    out = out ? add(out, term) : term;
  }
  return out ?? zeros(x.shape, { dtype: x.dtype });
}

/**
 * How much of a centred window's weight falls inside an axis of `length` at each position:
 * coverage[i] = Σₖ weights[k] over the k with 0 ≤ i − before + k < length.
 */
export function windowCoverage(length: number, weights: readonly number[], before: number): number[] {
  return Array.from({ length }, (_, i) => weights.reduce((total, w, k) => (i - before + k >= 0 && i - before + k < length ? total + w : total), 0));
}
