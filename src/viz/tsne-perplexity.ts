/** One point's Gaussian over its neighbours, its precision found by binary search so its perplexity is the one asked for. */

/** Stop when the entropy (in nats) is this close to log(perplexity); scikit-learn's tolerance. */
const ENTROPY_TOLERANCE = 1e-5;
const MAX_STEPS = 100;

/**
 * Writes p_{j|i} ∝ exp(−β·d_j) for the `count` squared distances d at `distances[from…]` into
 * `out[from…]`, with the precision β chosen so the distribution's entropy is log(perplexity).
 * The search is scikit-learn's (β from 1, doubled or halved until the target is bracketed, then
 * bisected). The exponent is taken relative to the smallest distance, which leaves p unchanged but
 * keeps exp from underflowing to 0 for every neighbour when distances are large (codes of a trained
 * network lie tens of units apart). Returns β.
 */
export function fitPerplexity(distances: Float64Array, from: number, count: number, perplexity: number, out: Float64Array): number {
  const to = from + count;
  let nearest = Infinity;
  for (let j = from; j < to; j++) nearest = Math.min(nearest, distances[j]);
  const targetEntropy = Math.log(perplexity);
  let beta = 1;
  let low = -Infinity;
  let high = Infinity;
  for (let step = 0; step < MAX_STEPS; step++) {
    const entropy = fillGaussian(distances, from, to, nearest, beta, out);
    const excess = entropy - targetEntropy;
    if (Math.abs(excess) <= ENTROPY_TOLERANCE) break;
    if (excess > 0) {
      // Too flat: sharpen (raise β).
      low = beta;
      beta = high === Infinity ? beta * 2 : (beta + high) / 2;
    } else {
      high = beta;
      beta = low === -Infinity ? beta / 2 : (beta + low) / 2;
    }
  }
  return beta;
}

/** Normalised exp(−β(d − nearest)) into out; returns its entropy log Σ + β·E[d − nearest]. */
function fillGaussian(distances: Float64Array, from: number, to: number, nearest: number, beta: number, out: Float64Array): number {
  let sum = 0;
  for (let j = from; j < to; j++) {
    out[j] = Math.exp(-beta * (distances[j] - nearest));
    sum += out[j];
  }
  let meanShifted = 0;
  for (let j = from; j < to; j++) {
    out[j] /= sum;
    meanShifted += out[j] * (distances[j] - nearest);
  }
  return Math.log(sum) + beta * meanShifted;
}

