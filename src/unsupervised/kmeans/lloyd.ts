/**
 * One Lloyd iteration of k-means, batched: assign every sample to its nearest centroid (one matmul
 * per chunk of rows), then move each centroid to the mean of its samples (one-hotᵀ · x, another
 * matmul). A centroid no sample chose stays where it was.
 */
import { oneHot, where } from "../../ops/index.js";
import { Tensor } from "../../tensor/index.js";
import { rowChunks, squaredDistances } from "./distances.js";

export interface LloydStep {
  /** The updated centroids [K, D]. */
  centroids: Tensor;
  /** The nearest old centroid of each sample [N] (int32). */
  labels: Tensor;
  /** Σ_n ‖x_n − c_{label n}‖² under the old centroids. */
  inertia: number;
  /** Σ_k ‖c_k(new) − c_k(old)‖², what scikit-learn compares with its tolerance. */
  shift: number;
}

/** The nearest centroid of each row of x [N] and the summed squared distance to it. */
export function assign(x: Tensor, centroids: Tensor): { labels: Tensor; inertia: number } {
  const labels = new Int32Array(x.shape[0]);
  let inertia = 0;
  let offset = 0;
  for (const chunk of rowChunks(x)) {
    const distances = squaredDistances(chunk, centroids);
    labels.set(distances.argmin(1).values as Int32Array, offset);
    inertia += distances.min(1).sum().itemSync();
    offset += chunk.shape[0];
  }
  return { labels: new Tensor(labels, [labels.length]), inertia };
}

export function lloydStep(x: Tensor, centroids: Tensor): LloydStep {
  const { labels, inertia } = assign(x, centroids);
  const [k, d] = centroids.shape;
  let sums: Tensor | null = null;
  let counts: Tensor | null = null;
  let offset = 0;
  for (const chunk of rowChunks(x)) {
    const members = oneHot(labels.narrow(0, offset, chunk.shape[0]), k);
    const chunkSums = members.T.matmul(chunk);
    const chunkCounts = members.sum(0);
    sums = sums ? sums.add(chunkSums) : chunkSums;
    counts = counts ? counts.add(chunkCounts) : chunkCounts;
    offset += chunk.shape[0];
  }
  const sizes = counts!.unsqueeze(1);
  const moved = where(sizes.gt(0).expand([k, d]), sums!.div(sizes.clamp(1)), centroids);
  const shift = moved.sub(centroids).square().sum().itemSync();
  return { centroids: moved, labels, inertia, shift };
}
