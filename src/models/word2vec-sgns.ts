/**
 * The inner step of skip-gram with negative sampling (Mikolov et al. 2013), on plain typed arrays.
 *
 * Why not Parameters and autograd: one step touches only 2 + k rows of two V × d tables and costs
 * about 3(k + 1)d multiply-adds; a corpus gives millions of steps, and recording a graph, gathering
 * rows and scattering gradients back per step would cost far more than the arithmetic. Sparse SGD
 * on the rows, as in the original word2vec, is the same maths at a fraction of the cost.
 */
import type { Generator } from "../tensor/index.js";

/** A table of row vectors, row-major (V rows of `dim`). Float64Array lets tests check derivatives. */
export type EmbeddingTable = Float32Array | Float64Array;

/** −log σ(x) = log(1 + e^−x), without overflow. */
function negLogSigmoid(x: number): number {
  return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
}

/**
 * One SGD step on the SGNS loss of a (center, context) pair with negative samples:
 *
 *   L = −log σ(u_context · v_center) − Σ_n log σ(−u_n · v_center)
 *
 * where v rows live in `input` and u rows in `output`. With g = σ(u · v) − label (label 1 for the
 * context, 0 for a negative), ∂L/∂u = g v and ∂L/∂v = Σ g u: each u moves by −lr g v and v by
 * −lr Σ g u, all gradients taken at the values before the step. A negative equal to the context
 * word is skipped (as in word2vec). Returns L (at the values before the step); lr = 0 only evaluates it.
 */
export function sgnsStep(
  input: EmbeddingTable,
  output: EmbeddingTable,
  dim: number,
  center: number,
  context: number,
  negatives: ArrayLike<number>,
  lr: number,
  scratch: Float64Array = new Float64Array(dim),
): number {
  const v = center * dim;
  scratch.fill(0, 0, dim);
  let loss = 0;
  for (let t = -1; t < negatives.length; t++) {
    const target = t < 0 ? context : negatives[t];
    if (t >= 0 && target === context) continue;
    const u = target * dim;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += input[v + i] * output[u + i];
    const label = t < 0 ? 1 : 0;
    loss += negLogSigmoid(label ? dot : -dot);
    const g = 1 / (1 + Math.exp(-dot)) - label;
    for (let i = 0; i < dim; i++) {
      scratch[i] += g * output[u + i];
      output[u + i] -= lr * g * input[v + i];
    }
  }
  for (let i = 0; i < dim; i++) input[v + i] -= lr * scratch[i];
  return loss;
}

/**
 * Draws negative samples from counts^power (word2vec's unigram^0.75 noise distribution): ids with a
 * zero count (such as `<unk>`) are never drawn. Sampling is a binary search of the cumulative weights.
 */
export class NoiseSampler {
  private readonly cumulative: Float64Array;

  constructor(counts: ArrayLike<number>, power = 0.75) {
    this.cumulative = new Float64Array(counts.length);
    let total = 0;
    for (let i = 0; i < counts.length; i++) {
      total += counts[i] > 0 ? counts[i] ** power : 0;
      this.cumulative[i] = total;
    }
    if (!(total > 0)) throw new RangeError("NoiseSampler: every count is zero; there is nothing to sample");
  }

  /** The probability of drawing `id`. */
  probability(id: number): number {
    const c = this.cumulative;
    return (c[id] - (id > 0 ? c[id - 1] : 0)) / c[c.length - 1];
  }

  /** One id, drawn with `generator`. */
  sample(generator: Generator): number {
    const c = this.cumulative;
    const r = generator.uniform() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
