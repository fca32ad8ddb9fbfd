/** Barnes–Hut t-SNE (van der Maaten 2014): attraction over a sparse P, repulsion from a tree, O(N log N) per iteration. */
import type { SparseAffinities } from "./tsne-affinities.js";
import { degreesOfFreedom, gradientScale, kernelOf, type Objective } from "./tsne-objective.js";
import { SpaceTree, STRIDE } from "./tsne-tree.js";

/**
 * The Barnes–Hut objective for a sparse symmetric P summing to 1. Its tree and force arrays are
 * allocated once and reused by every iteration. The KL it reports is scikit-learn's:
 * Σ p_ij log(p_ij / q_ij) over the stored entries of P, with Q normalised by the tree's
 * approximate Z.
 */
export function barnesHutObjective(p: SparseAffinities, n: number, dims: number, theta: number): Objective {
  const alpha = degreesOfFreedom(dims);
  const scale = gradientScale(alpha);
  const thetaSquared = theta * theta;
  const tree = new SpaceTree(n, dims);
  const pairs = upperPairs(p);
  const padded = new Float64Array(n * STRIDE);
  const attraction = new Float64Array(n * STRIDE);
  const repulsion = new Float64Array(n * STRIDE);
  return (y, grad, exaggeration, computeError) => {
    for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) padded[i * STRIDE + c] = y[i * dims + c];
    tree.build(padded, n);
    repulsion.fill(0);
    let z = 0;
    for (let i = 0; i < n; i++) z += tree.repulsion(padded, i, thetaSquared, alpha, repulsion);
    attract(pairs, padded, exaggeration, alpha, attraction);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < dims; c++) grad[i * dims + c] = scale * (attraction[i * STRIDE + c] - repulsion[i * STRIDE + c] / z);
    }
    return computeError ? klOf(pairs, padded, exaggeration, alpha, z) : Number.NaN;
  };
}

/** The entries p_ij with i < j of a symmetric sparse P, as three parallel arrays. */
interface Pairs {
  first: Int32Array;
  second: Int32Array;
  p: Float64Array;
}

/** Each unordered pair once, so that attraction computes every distance once (half the work of visiting both rows). */
function upperPairs({ rowStart, columns, values }: SparseAffinities): Pairs {
  let count = 0;
  for (let i = 0; i + 1 < rowStart.length; i++) for (let s = rowStart[i]; s < rowStart[i + 1]; s++) if (columns[s] > i) count++;
  const pairs = { first: new Int32Array(count), second: new Int32Array(count), p: new Float64Array(count) };
  let e = 0;
  for (let i = 0; i + 1 < rowStart.length; i++) {
    for (let s = rowStart[i]; s < rowStart[i + 1]; s++) {
      if (columns[s] <= i) continue;
      pairs.first[e] = i;
      pairs.second[e] = columns[s];
      pairs.p[e++] = values[s];
    }
  }
  return pairs;
}

/** Fills `out` (padded) with Σ_j a·p_ij·u_ij·(y_i − y_j), the attraction of each point's neighbours. */
function attract({ first, second, p }: Pairs, y: Float64Array, exaggeration: number, alpha: number, out: Float64Array): void {
  out.fill(0);
  for (let e = 0; e < p.length; e++) {
    const i = first[e] * STRIDE;
    const j = second[e] * STRIDE;
    const d0 = y[i] - y[j];
    const d1 = y[i + 1] - y[j + 1];
    const d2 = y[i + 2] - y[j + 2];
    const pull = (exaggeration * p[e]) / (1 + (d0 * d0 + d1 * d1 + d2 * d2) / alpha);
    out[i] += pull * d0;
    out[i + 1] += pull * d1;
    out[i + 2] += pull * d2;
    out[j] -= pull * d0;
    out[j + 1] -= pull * d1;
    out[j + 2] -= pull * d2;
  }
}

/** Σ a·p_ij log(a·p_ij / q_ij) over the stored pairs (both orders), q_ij = w_ij / z. */
function klOf({ first, second, p }: Pairs, y: Float64Array, exaggeration: number, alpha: number, z: number): number {
  let kl = 0;
  for (let e = 0; e < p.length; e++) {
    const pij = exaggeration * p[e];
    if (pij === 0) continue;
    let squared = 0;
    for (let c = 0; c < STRIDE; c++) squared += (y[first[e] * STRIDE + c] - y[second[e] * STRIDE + c]) ** 2;
    kl += 2 * pij * Math.log(pij / (kernelOf(1 / (1 + squared / alpha), alpha) / z));
  }
  return kl;
}
