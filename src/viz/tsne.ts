/** t-SNE (van der Maaten & Hinton 2008): a 2-D or 3-D map of high-dimensional points, such as a network's learned codes. */
import { Tensor } from "../tensor/index.js";
import { exactJointProbabilities, sparseJointProbabilities } from "./tsne-affinities.js";
import { barnesHutObjective } from "./tsne-barnes-hut.js";
import { exactObjective } from "./tsne-exact.js";
import { initialEmbedding } from "./tsne-init.js";
import { readPoints, type Points } from "./tsne-input.js";
import type { Objective } from "./tsne-objective.js";
import { optimize } from "./tsne-optimize.js";
import { resolveOptions, type ResolvedTsneOptions, type TsneOptions } from "./tsne-options.js";

export interface TsneResult {
  /** [N, dims] float32: row i is point i's place in the map. */
  embedding: Tensor;
  /**
   * KL(P‖Q) of the final embedding, the quantity t-SNE minimises: over all pairs for the exact
   * method; for Barnes–Hut, as scikit-learn reports it, over the neighbour pairs of the sparse P
   * with Q normalised by the tree's approximate sum.
   */
  kl: number;
  /** Gradient-descent iterations run: `options.iterations`, or fewer if the KL stopped improving for 300 of them or the gradient vanished. */
  iterations: number;
}

/**
 * Embeds the rows of `data` ([N, D] tensor, or N arrays of D numbers) in `dims` dimensions so that
 * neighbours stay neighbours. Follows scikit-learn 1.2's TSNE: affinities matched to `perplexity`,
 * 250 iterations with P exaggerated ×12 at momentum 0.5, then momentum 0.8, learning rate
 * max(N/12/4, 50), per-coordinate gains, PCA start; exact O(N²) below 1,000 points, Barnes–Hut
 * O(N log N) (θ = 0.5, P from the 3·perplexity nearest neighbours) from there on. Computed in
 * float64; the same seed gives the same embedding, bit for bit.
 */
export function tsne(data: Tensor | readonly (readonly number[])[], options: TsneOptions = {}): TsneResult {
  const points = readPoints(data);
  const resolved = resolveOptions(options, points.n, points.d);
  const objective = objectiveFor(points, resolved);
  const y = initialEmbedding(points, resolved.dims, resolved.init, resolved.seed);
  const { kl, iterations } = optimize(objective, y, resolved);
  return { embedding: new Tensor(Float32Array.from(y), [points.n, resolved.dims]), kl, iterations };
}

function objectiveFor(points: Points, { method, perplexity, dims, theta }: ResolvedTsneOptions): Objective {
  if (method === "exact") return exactObjective(exactJointProbabilities(points, perplexity), points.n, dims);
  return barnesHutObjective(sparseJointProbabilities(points, perplexity), points.n, dims, theta);
}
