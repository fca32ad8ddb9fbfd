/** Histogram binning: bin edges by the Freedman–Diaconis or Sturges rule, a count, or given edges; counts per bin. */
import { checkFinite, checkNonEmpty } from "./check.js";

export type BinRule = "freedman-diaconis" | "sturges";

/** How to bin: a rule, a number of equal bins, or the edges themselves (increasing). */
export type BinSpec = BinRule | number | readonly number[];

export interface Bins {
  /** counts.length + 1 increasing edges; bin i is [edges[i], edges[i+1]), the last one closed. */
  edges: number[];
  counts: number[];
  /** Values outside given edges (always 0 when the edges come from the values). */
  outside: number;
}

/**
 * Beyond this, bars are narrower than a few pixels in a 640-pixel chart. Freedman–Diaconis asks
 * for thousands of bins when a few outliers stretch the range far beyond the interquartile one.
 */
export const MAX_BINS = 100;

const FN = "histogramBins";

/**
 * Bins and counts of `values` (all finite). Edges from a rule or a count span min..max exactly.
 * Freedman–Diaconis (bin width 2·IQR/∛n) is the default: it follows the spread of the bulk of
 * the data and is not fooled by heavy tails; where the IQR is 0 (over half the values equal, as
 * ReLU activations often are) it falls back to Sturges (⌈log₂ n⌉ + 1 bins).
 */
export function histogramBins(values: ArrayLike<number>, spec: BinSpec = "freedman-diaconis"): Bins {
  checkNonEmpty(FN, "values", values.length);
  for (let i = 0; i < values.length; i++) checkFinite(FN, `values[${i}]`, values[i]);
  const edges = typeof spec === "object" ? checkEdges(spec) : equalEdges(values, spec);
  return { edges, ...countInto(values, edges) };
}

function checkEdges(edges: readonly number[]): number[] {
  if (edges.length < 2) throw new RangeError(`${FN}: given bin edges must be at least 2 numbers (one bin), got ${edges.length}`);
  edges.forEach((e, i) => {
    checkFinite(FN, `bin edge ${i}`, e);
    if (i > 0 && e <= edges[i - 1]) throw new RangeError(`${FN}: bin edges must increase, but edge ${i} (${e}) is not above edge ${i - 1} (${edges[i - 1]})`);
  });
  return [...edges];
}

function equalEdges(values: ArrayLike<number>, spec: BinRule | number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (typeof spec === "number") checkBinCount(spec);
  // All values equal: one unit-wide range centred on them, so the bar has a width to draw, and
  // (unless a count is given) one bin, since no rule can size bins from a spread of zero.
  const equal = min === max;
  if (equal) [min, max] = [min - 0.5, max + 0.5];
  const count = typeof spec === "number" ? spec : equal ? 1 : binCount(values, spec, max - min);
  return Array.from({ length: count + 1 }, (_, i) => (i === count ? max : min + ((max - min) * i) / count));
}

function checkBinCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`${FN}: a number of bins must be a positive integer, got ${count}`);
}

function binCount(values: ArrayLike<number>, rule: BinRule, range: number): number {
  if (rule !== "freedman-diaconis" && rule !== "sturges") {
    throw new RangeError(`${FN}: unknown bin rule "${rule}"; expected "freedman-diaconis", "sturges", a number of bins or the edges`);
  }
  const sturges = Math.ceil(Math.log2(values.length)) + 1;
  if (rule === "sturges") return Math.min(sturges, MAX_BINS);
  const sorted = Float64Array.from(values).sort();
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  if (iqr === 0) return Math.min(sturges, MAX_BINS);
  const width = (2 * iqr) / Math.cbrt(values.length);
  return Math.min(Math.max(1, Math.ceil(range / width)), MAX_BINS);
}

/** The q-quantile of sorted values, interpolating linearly between order statistics. */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

function countInto(values: ArrayLike<number>, edges: number[]): { counts: number[]; outside: number } {
  const counts = new Array<number>(edges.length - 1).fill(0);
  const last = edges.length - 1;
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < edges[0] || v > edges[last]) {
      outside++;
      continue;
    }
    // The last index whose edge is <= v, by bisection; v equal to the top edge joins the last bin.
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return { counts, outside };
}
