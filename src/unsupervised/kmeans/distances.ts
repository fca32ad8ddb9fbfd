/** Squared Euclidean distances between every sample and every centroid, as one matrix product. */
import { matmulT } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";

/**
 * ‖x_n − c_k‖² for x [N, D] and centroids [K, D] → [N, K], expanded as ‖x‖² − 2 x·cᵀ + ‖c‖² so the
 * work is one matmul; clamped at 0, where rounding can leave a tiny negative for a point on a centroid.
 * Pass the rows' squared norms [N, 1] when computing against many small sets of centroids: on all
 * of MNIST they take 400 ms, longer than the product with one centroid (225 ms).
 */
export function squaredDistances(x: Tensor, centroids: Tensor, rowNorms: Tensor = x.square().sum(1, true)): Tensor {
  const cross = matmulT(x, centroids, false, true);
  return cross.mul(-2).add(rowNorms).add(centroids.square().sum(1).unsqueeze(0)).clamp(0);
}

/** The rows of x in chunks of at most `rows`, so that an [N, K] distance matrix never has to exist whole. */
export function* rowChunks(x: Tensor, rows = 8192): Generator<Tensor> {
  for (let start = 0; start < x.shape[0]; start += rows) yield x.narrow(0, start, Math.min(rows, x.shape[0] - start));
}
