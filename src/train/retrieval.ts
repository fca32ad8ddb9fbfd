/**
 * Retrieval by cosine similarity ("CNN codes": Krizhevsky et al. 2012, Razavian et al. 2014): each
 * query's gallery ranked by the cosine of their feature vectors, scored by precision@k (the share
 * of the k nearest that share the query's label) and mean average precision over the full ranking
 * of the gallery, AP = Σ over the relevant items of (precision at the rank of each) / (their count) —
 * with tied scores treated as scikit-learn's average_precision_score treats them (a tie's items are
 * retrieved together).
 */
import { matmulT } from "../ops/index.js";
import { fmtShape, ShapeError, Tensor } from "../tensor/index.js";

export interface LabelledFeatures {
  /** [N, D], one row per item. */
  features: Tensor;
  labels: ArrayLike<number>;
}

export interface RetrievalOptions {
  /** The gallery searched; without it, each query searches the other queries (leave one out). */
  gallery?: LabelledFeatures;
  /** How many nearest neighbours are returned and scored by precision@k (default 10). */
  k?: number;
  /** Queries whose similarities are computed at once (default 500). */
  batchSize?: number;
}

export interface RetrievalResult {
  k: number;
  /** The mean over queries of the share of relevant items among the k nearest. */
  precisionAtK: number;
  /** The mean over queries of the average precision over the whole gallery; a query with no relevant item counts 0. */
  meanAveragePrecision: number;
  /** Gallery indices of each query's k nearest, most similar first (ties: lower index first), [queries × k]. */
  neighbours: Int32Array;
  /** Each query's average precision. */
  averagePrecision: Float64Array;
}

/** Rows scaled to unit length (a zero row stays zero, so it is equally similar to everything). */
function unitRows(who: string, name: string, { features, labels }: LabelledFeatures): Tensor {
  if (features.ndim !== 2) throw new ShapeError(`${who}: ${name} features must be [N, D], got ${fmtShape(features.shape)}`);
  if (labels.length !== features.shape[0]) throw new RangeError(`${who}: ${features.shape[0]} ${name} rows but ${labels.length} labels`);
  const [n, d] = features.shape;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += features.values[i * d + j] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) out[i * d + j] = features.values[i * d + j] * scale;
  }
  return new Tensor(out, [n, d]);
}

/** The k best of scores (skipping `skip`), highest first, ties to the lower index. */
function topK(scores: Float32Array, k: number, skip: number): Int32Array {
  const best = new Int32Array(k).fill(-1);
  const beats = (i: number, j: number) => j < 0 || scores[i] > scores[j] || (scores[i] === scores[j] && i < j);
  for (let i = 0; i < scores.length; i++) {
    if (i === skip || !beats(i, best[k - 1])) continue;
    let at = k - 1;
    while (at > 0 && beats(i, best[at - 1])) best[at] = best[--at];
    best[at] = i;
  }
  return best;
}

/** Average precision of one ranking: relevant and other scores each sorted, then merged level by level (ties retrieved together). */
function averagePrecision(scores: Float32Array, relevant: (i: number) => boolean, skip: number): number {
  const hits: number[] = [];
  const misses: number[] = [];
  for (let i = 0; i < scores.length; i++) if (i !== skip) (relevant(i) ? hits : misses).push(scores[i]);
  if (hits.length === 0) return 0;
  const h = Float64Array.from(hits).sort();
  const m = Float64Array.from(misses).sort();
  let [hi, mi] = [h.length - 1, m.length - 1];
  let sum = 0;
  while (hi >= 0) {
    const level = mi >= 0 ? Math.max(h[hi], m[mi]) : h[hi];
    let found = 0;
    while (hi >= 0 && h[hi] === level) (hi--, found++);
    while (mi >= 0 && m[mi] === level) mi--;
    const retrieved = h.length - 1 - hi + (m.length - 1 - mi);
    sum += (found * (h.length - 1 - hi)) / retrieved;
  }
  return sum / h.length;
}

/** Cosine k-nearest-neighbour retrieval of every query in a gallery, with precision@k and mAP. */
export function cosineRetrieval(queries: LabelledFeatures, { gallery, k = 10, batchSize = 500 }: RetrievalOptions = {}): RetrievalResult {
  const who = "cosineRetrieval";
  const q = unitRows(who, "query", queries);
  const g = gallery ? unitRows(who, "gallery", gallery) : q;
  const galleryLabels = (gallery ?? queries).labels;
  if (q.shape[1] !== g.shape[1]) throw new ShapeError(`${who}: queries have ${q.shape[1]} features but the gallery items ${g.shape[1]}; both must come from the same layer`);
  if (q.shape[0] === 0) throw new RangeError(`${who}: no queries given`);
  const searchable = g.shape[0] - (gallery ? 0 : 1);
  if (!Number.isInteger(k) || k < 1 || k > searchable) {
    throw new RangeError(`${who}: k must be an integer from 1 to the gallery's size ${searchable}${gallery ? "" : " (the other queries)"}, got ${k}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${who}: batchSize must be a positive integer, got ${batchSize}`);
  const n = q.shape[0];
  const neighbours = new Int32Array(n * k);
  const ap = new Float64Array(n);
  let precisionSum = 0;
  for (let from = 0; from < n; from += batchSize) {
    const rows = Math.min(batchSize, n - from);
    const similarities = matmulT(q.narrow(0, from, rows), g, false, true).values as Float32Array;
    for (let r = 0; r < rows; r++) {
      const query = from + r;
      const scores = similarities.subarray(r * g.shape[0], (r + 1) * g.shape[0]);
      const skip = gallery ? -1 : query;
      const label = queries.labels[query];
      const best = topK(scores, k, skip);
      neighbours.set(best, query * k);
      precisionSum += best.reduce((hits, i) => hits + (galleryLabels[i] === label ? 1 : 0), 0) / k;
      ap[query] = averagePrecision(scores, (i) => galleryLabels[i] === label, skip);
    }
  }
  return { k, precisionAtK: precisionSum / n, meanAveragePrecision: ap.reduce((a, b) => a + b, 0) / n, neighbours, averagePrecision: ap };
}
