/** t-SNE's input affinities P: per-point Gaussians matched to the perplexity, symmetrised and normalised. */
import { squaredDistance, type Points } from "./tsne-input.js";
import { nearestNeighbors } from "./tsne-neighbors.js";
import { fitPerplexity } from "./tsne-perplexity.js";

/** The smallest joint probability of the exact method, so that log p stays finite (scikit-learn's floor too). */
const SMALLEST_P = 2 ** -52;

/** A sparse symmetric P in compressed rows: row i's entries are columns[rowStart[i] … rowStart[i + 1]). */
export interface SparseAffinities {
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

/**
 * The exact method's joint probabilities p_ij = (p_{j|i} + p_{i|j}) / 2N over all pairs, each
 * conditional Gaussian fitted to `perplexity` over all other points. Condensed: one entry per
 * unordered pair i < j in the order (0,1), (0,2), …, (0,n−1), (1,2), …, so the entries sum to ½
 * (the full matrix sums to 1). Floored at 2⁻⁵².
 */
export function exactJointProbabilities(points: Points, perplexity: number): Float64Array {
  const { n } = points;
  const distances = condensedSquaredDistances(points);
  const joint = new Float64Array(distances.length);
  const rowDistances = new Float64Array(n - 1);
  const rowP = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    // Row i of the symmetric matrix without its diagonal: column j sits at j for j < i, at j − 1
    // after; the pairs (i, i + 1) … (i, n − 1) are contiguous from `after`.
    const after = pairIndex(n, i, i + 1);
    for (let j = 0; j < i; j++) rowDistances[j] = distances[pairIndex(n, j, i)];
    for (let j = i + 1; j < n; j++) rowDistances[j - 1] = distances[after + j - i - 1];
    fitPerplexity(rowDistances, 0, n - 1, perplexity, rowP);
    for (let j = 0; j < i; j++) joint[pairIndex(n, j, i)] += rowP[j];
    for (let j = i + 1; j < n; j++) joint[after + j - i - 1] += rowP[j - 1];
  }
  // Each row sums to 1 and each pair is stored once, so the full matrix sums to 2·Σ joint (≈ 2N).
  let total = 0;
  for (let e = 0; e < joint.length; e++) total += joint[e];
  for (let e = 0; e < joint.length; e++) joint[e] = Math.max(joint[e] / (2 * total), SMALLEST_P);
  return joint;
}

/**
 * Barnes–Hut's sparse P (van der Maaten 2014): each point's Gaussian covers only its
 * ⌊3·perplexity + 1⌋ nearest neighbours (at most N − 1), then P = (C + Cᵀ) / Σ(C + Cᵀ).
 */
export function sparseJointProbabilities(points: Points, perplexity: number): SparseAffinities {
  const { n } = points;
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const { indices, distances } = nearestNeighbors(points, k);
  const conditional = new Float64Array(n * k);
  for (let i = 0; i < n; i++) fitPerplexity(distances, i * k, k, perplexity, conditional);
  return symmetrize(n, k, indices, conditional);
}

/** C + Cᵀ normalised to sum 1, for C given as k (column, value) entries per row; a pair found both ways is merged. */
function symmetrize(n: number, k: number, indices: Int32Array, conditional: Float64Array): SparseAffinities {
  // Who lists j as a neighbour: the entries e (row ⌊e/k⌋) with indices[e] = j, grouped by j.
  const incomingStart = new Int32Array(n + 1);
  for (let e = 0; e < indices.length; e++) incomingStart[indices[e] + 1]++;
  for (let j = 0; j < n; j++) incomingStart[j + 1] += incomingStart[j];
  const incoming = new Int32Array(indices.length);
  const fill = incomingStart.slice(0, n);
  for (let e = 0; e < indices.length; e++) incoming[fill[indices[e]]++] = e;

  const rowStart = new Int32Array(n + 1);
  const columns = new Int32Array(2 * indices.length);
  const values = new Float64Array(2 * indices.length);
  const slotOf = new Int32Array(n).fill(-1);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const start = size;
    for (let e = i * k; e < (i + 1) * k; e++) {
      slotOf[indices[e]] = size;
      columns[size] = indices[e];
      values[size++] = conditional[e];
    }
    for (let r = incomingStart[i]; r < incomingStart[i + 1]; r++) {
      const e = incoming[r];
      const from = Math.floor(e / k);
      if (slotOf[from] >= 0) values[slotOf[from]] += conditional[e];
      else {
        columns[size] = from;
        values[size++] = conditional[e];
      }
    }
    for (let s = start; s < size; s++) slotOf[columns[s]] = -1;
    rowStart[i + 1] = size;
  }
  let total = 0;
  for (let s = 0; s < size; s++) total += values[s];
  for (let s = 0; s < size; s++) values[s] /= total;
  return { rowStart, columns: columns.slice(0, size), values: values.slice(0, size) };
}

/**
 * Squared distances of all pairs, condensed like the joint P. Float32, as scikit-learn keeps them:
 * for 5,000 points asked for the exact method, this halves a 100 MB array.
 */
function condensedSquaredDistances({ values, n, d }: Points): Float32Array {
  const out = new Float32Array((n * (n - 1)) / 2);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) out[e++] = squaredDistance(values, i, j, d);
  }
  return out;
}

/** Position of the pair (i, j), i < j, in a condensed array over n points. */
function pairIndex(n: number, i: number, j: number): number {
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}
