/** t-SNE's starting embedding: the data's principal components, or Gaussian noise, at a tiny scale. */
import { Generator } from "../tensor/index.js";
import type { Points } from "./tsne-input.js";

/**
 * Both starts have standard deviation 1e-4 along the first axis (scikit-learn's scale, issue
 * #18018): tiny next to the distances the optimisation settles at, so that the start shapes
 * the result without distorting it.
 */
const START_SCALE = 1e-4;
const POWER_ITERATIONS = 300;
/** Power iteration stops when the direction moves less than this (1 − |cos| between steps). */
const POWER_TOLERANCE = 1e-12;

/** Row-major [n, dims]: the first `dims` principal-component scores (init "pca") or seeded Gaussian noise (init "random"). */
export function initialEmbedding(points: Points, dims: number, init: "pca" | "random", seed: number): Float64Array {
  const random = new Generator(seed);
  if (init === "random") return Float64Array.from({ length: points.n * dims }, () => START_SCALE * random.normal());
  const scores = principalScores(points, dims, random);
  let mean = 0;
  for (let i = 0; i < points.n; i++) mean += scores[i * dims] / points.n;
  let variance = 0;
  for (let i = 0; i < points.n; i++) variance += (scores[i * dims] - mean) ** 2 / points.n;
  if (!(variance > 0)) throw new RangeError(`tsne: init "pca" found no spread in the data (all ${points.n} points are equal); use init "random"`);
  const scale = START_SCALE / Math.sqrt(variance);
  return scores.map((v) => v * scale);
}

/**
 * The centred data's projections on its top `dims` principal axes, found one by one by power
 * iteration on the covariance (applied as Xᵀ(X v), never formed), each kept orthogonal to the
 * ones before. An axis's sign is chosen so its largest-magnitude score is positive, as
 * scikit-learn's svd_flip does; the seed only picks the starting vectors.
 */
function principalScores({ values, n, d }: Points, dims: number, random: Generator): Float64Array {
  const centred = Float64Array.from(values);
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + c] / n;
    for (let i = 0; i < n; i++) centred[i * d + c] -= mean;
  }
  const axes: Float64Array[] = [];
  const projection = new Float64Array(n);
  const scores = new Float64Array(n * dims);
  for (let k = 0; k < dims; k++) {
    let axis = orthonormal(Float64Array.from({ length: d }, () => random.normal()), axes);
    for (let step = 0; step < POWER_ITERATIONS; step++) {
      project(centred, n, d, axis, projection);
      const next = orthonormal(backProject(centred, n, d, projection), axes);
      // A direction without variance maps to zero; any unit vector orthogonal to the others will do.
      if (next.every((v) => v === 0)) break;
      const cosine = Math.abs(dot(next, axis));
      axis = next;
      if (1 - cosine < POWER_TOLERANCE) break;
    }
    axes.push(axis);
    project(centred, n, d, axis, projection);
    const largest = projection.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
    for (let i = 0; i < n; i++) scores[i * dims + k] = largest < 0 ? -projection[i] : projection[i];
  }
  return scores;
}

/** out = X v for X [n, d]. */
function project(x: Float64Array, n: number, d: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < d; c++) sum += x[i * d + c] * v[c];
    out[i] = sum;
  }
}

/** Xᵀ s for X [n, d]. */
function backProject(x: Float64Array, n: number, d: number, s: Float64Array): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) out[c] += x[i * d + c] * s[i];
  return out;
}

/** v with its components along `axes` (orthonormal) removed, scaled to unit length (all zeros if nothing is left). */
function orthonormal(v: Float64Array, axes: readonly Float64Array[]): Float64Array {
  for (const axis of axes) {
    const along = dot(v, axis);
    for (let c = 0; c < v.length; c++) v[c] -= along * axis[c];
  }
  const norm = Math.sqrt(dot(v, v));
  return norm > 0 ? v.map((x) => x / norm) : v.fill(0);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < a.length; c++) sum += a[c] * b[c];
  return sum;
}
