/** Exact t-SNE: KL(P‖Q) and its gradient over all N(N−1)/2 pairs, O(N²) per iteration. */
import { squaredDistance } from "./tsne-input.js";
import { degreesOfFreedom, gradientScale, kernelOf, type Objective } from "./tsne-objective.js";

/** q_ij is floored here before its log, as scikit-learn does, so KL stays finite for far-apart points. */
const SMALLEST_Q = 2 ** -52;

/**
 * The exact objective for the condensed joint P of `exactJointProbabilities` (pairs i < j in
 * order; the full matrix sums to 1). Its scratch arrays are allocated once, here, not per iteration.
 */
export function exactObjective(joint: Float64Array, n: number, dims: number): Objective {
  const alpha = degreesOfFreedom(dims);
  const scale = gradientScale(alpha);
  const attraction = new Float64Array(n * dims);
  const repulsion = new Float64Array(n * dims);
  return (y, grad, exaggeration, computeError) => {
    attraction.fill(0);
    repulsion.fill(0);
    let z = 0;
    let e = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++, e++) {
        const u = 1 / (1 + squaredDistance(y, i, j, dims) / alpha);
        const w = kernelOf(u, alpha);
        z += 2 * w;
        const pull = exaggeration * joint[e] * u;
        const push = w * u;
        for (let c = 0; c < dims; c++) {
          const diff = y[i * dims + c] - y[j * dims + c];
          attraction[i * dims + c] += pull * diff;
          attraction[j * dims + c] -= pull * diff;
          repulsion[i * dims + c] += push * diff;
          repulsion[j * dims + c] -= push * diff;
        }
      }
    }
    // dKL/dy = scale·(attraction − repulsion/Z): the two halves of the gradient in tsne-objective.ts.
    for (let k = 0; k < grad.length; k++) grad[k] = scale * (attraction[k] - repulsion[k] / z);
    return computeError ? exactKl(joint, y, n, dims, alpha, z, exaggeration) : Number.NaN;
  };
}

/** KL(a·P ‖ Q) = Σ_{i≠j} a·p_ij log(a·p_ij / q_ij), q_ij = w_ij / z, each unordered pair counted twice. */
function exactKl(joint: Float64Array, y: Float64Array, n: number, dims: number, alpha: number, z: number, exaggeration: number): number {
  let kl = 0;
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, e++) {
      const q = Math.max(kernelOf(1 / (1 + squaredDistance(y, i, j, dims) / alpha), alpha) / z, SMALLEST_Q);
      const p = exaggeration * joint[e];
      kl += 2 * p * Math.log(p / q);
    }
  }
  return kl;
}
