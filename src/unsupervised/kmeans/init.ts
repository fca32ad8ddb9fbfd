/** k-means++ seeding (Arthur & Vassilvitskii 2007): each new centroid drawn with probability ∝ D(x)². */
import { allocate, defaultGenerator, Generator, Tensor } from "../../tensor/index.js";
import { squaredDistances } from "./distances.js";

/**
 * k centroids chosen among the rows of x [N, D]: the first uniformly, each next one with
 * probability proportional to its squared distance from the nearest centroid chosen so far.
 * Distances are batched ops; only the draw walks the N probabilities (once per centroid, k walks).
 */
export function kmeansPlusPlus(x: Tensor, k: number, generator: Generator = defaultGenerator): Tensor {
  const [n, d] = x.shape;
  const chosen = allocate(x.dtype, k * d);
  const take = (row: number, slot: number) => chosen.set(x.values.subarray(row * d, (row + 1) * d), slot * d);
  take(generator.int(n), 0);
  const rowNorms = x.square().sum(1, true);
  let nearest = squaredDistances(x, new Tensor(chosen.slice(0, d), [1, d]), rowNorms).reshape([n]);
  for (let slot = 1; slot < k; slot++) {
    const weights = nearest.values;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    // all points already on a centroid (duplicates): any row will do
    let row = total > 0 ? n - 1 : generator.int(n);
    if (total > 0) {
      let target = generator.uniform() * total;
      for (let i = 0; i < n; i++) {
        target -= weights[i];
        if (target < 0) {
          row = i;
          break;
        }
      }
    }
    take(row, slot);
    nearest = nearest.minimum(squaredDistances(x, new Tensor(chosen.slice(slot * d, (slot + 1) * d), [1, d]), rowNorms).reshape([n]));
  }
  return new Tensor(chosen, [k, d]);
}
