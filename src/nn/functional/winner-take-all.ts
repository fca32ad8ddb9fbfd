/** k-winners-take-all: the k largest activations of each sample kept, the rest zeroed. */
import { where } from "../../ops/index.js";
import { fmtShape, ShapeError, sizeOf, Tensor } from "../../tensor/index.js";

/**
 * 1 at the k largest entries of each row of `values` (rows of `features` entries), 0 elsewhere.
 * Equal values are taken in index order, so exactly k entries win in every row.
 */
function fillWinnerMask(mask: Int32Array, values: ArrayLike<number>, features: number, k: number): void {
  const rows = mask.length / features;
  const order = Array.from({ length: features }, (_, i) => i);
  for (let r = 0; r < rows; r++) {
    const base = r * features;
    order.sort((a, b) => values[base + b] - values[base + a] || a - b);
    for (let i = 0; i < k; i++) mask[base + order[i]] = 1;
  }
}

/**
 * Keep the k largest activations of each sample (axis 0 is the batch; all other axes together are
 * its features) and zero the rest: k-WTA, as in Makhzani & Frey's k-sparse autoencoders (2013)
 * and the fully connected form of their winner-take-all autoencoders (2015). The gradient flows
 * only through the winners. NaN ranks below every number.
 */
export function kWinnersTakeAll(x: Tensor, k: number): Tensor {
  if (x.ndim < 2) throw new ShapeError(`kWinnersTakeAll: expected a batch [N, features…] of at least 2 dimensions, got ${fmtShape(x.shape)}`);
  const features = sizeOf(x.shape.slice(1));
  if (!Number.isInteger(k) || k < 0 || k > features) {
    throw new RangeError(`kWinnersTakeAll: k must be an integer from 0 to ${features} (the features per sample of ${fmtShape(x.shape)}), got ${k}`);
  }
  const values = Array.from(x.values, (v) => (Number.isNaN(v) ? -Infinity : v));
  const mask = new Int32Array(x.size);
  if (features > 0) fillWinnerMask(mask, values, features, k);
  return where(new Tensor(mask, x.shape), x, 0);
}
