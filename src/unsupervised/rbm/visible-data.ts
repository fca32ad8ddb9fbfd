/** What an RBM accepts as visible data, checked once per call with errors that name the offending value; and the data-side helpers (binarising, log-odds of pixel means). */
import { rand } from "../../ops/index.js";
import { defaultGenerator, fmtShape, ShapeError, type Generator, type Tensor } from "../../tensor/index.js";

/**
 * What a visible vector may hold: "binary" (0 or 1 only), "probabilities" (the means of binary
 * units, anywhere in [0, 1], as Hinton's practical guide allows for training on grey levels), or
 * "real" (any finite number: Gaussian visible units).
 */
export type VisibleKind = "binary" | "probabilities" | "real";

const describeKind: Record<VisibleKind, string> = {
  binary: "0 or 1",
  probabilities: "a probability in [0, 1]",
  real: "a finite number",
};

function fits(kind: VisibleKind, value: number): boolean {
  if (kind === "binary") return value === 0 || value === 1;
  if (kind === "probabilities") return value >= 0 && value <= 1;
  return Number.isFinite(value);
}

/**
 * Throws unless data is [N, units] and every value is of `kind`. The message names the caller, the
 * sample and unit of the first bad value, the value, and what to do about it.
 */
export function checkVisibleData(who: string, data: Tensor, units: number, kind: VisibleKind): void {
  if (data.ndim !== 2 || data.shape[1] !== units) {
    throw new ShapeError(`${who}: expected visible data of shape [N, ${units}] (one row per sample), got ${fmtShape(data.shape)}; flatten images first (x.flatten(1))`);
  }
  if (data.shape[0] === 0) throw new RangeError(`${who}: the data holds no samples`);
  const values = data.values;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (fits(kind, value)) continue;
    const where = `sample ${Math.floor(i / units)}, unit ${i % units}`;
    if (Number.isNaN(value)) throw new RangeError(`${who}: the data holds NaN at ${where}; remove or impute missing values first`);
    const hint = kind === "binary"
      ? "; binarise it first (binarize(x) draws each pixel as a Bernoulli of its intensity), or train with probabilities: true to treat values in [0, 1] as the means of binary units"
      : "";
    throw new RangeError(`${who}: every visible value must be ${describeKind[kind]}, but ${where} is ${value}${hint}`);
  }
}

/** Each value p in [0, 1] replaced by a draw of Bernoulli(p): grey-level images become binary ones (stochastic binarisation). */
export function binarize(probabilities: Tensor, generator: Generator = defaultGenerator): Tensor {
  checkVisibleData("binarize", probabilities, probabilities.shape[1] ?? 0, "probabilities");
  return bernoulliOf(probabilities, generator);
}

/** A draw of independent Bernoulli(p) for every element of p (no checks: the hot path of Gibbs sampling). */
export function bernoulliOf(p: Tensor, generator: Generator = defaultGenerator): Tensor {
  return rand(p.shape, { generator }).lt(p).float();
}

/**
 * log(p/(1−p)) of each unit's mean over the data, p smoothed as (Σv + 0.05·N)/(1.05·N) so that an
 * always-off pixel gets a finite bias (about −3, not −∞). Hinton's guide initialises the visible
 * biases this way; Salakhutdinov & Murray's base-rate model for AIS uses the same biases.
 */
export function dataLogOdds(data: Tensor): Tensor {
  const n = data.shape[0];
  const p = data.sum(0).add(0.05 * n).div(1.05 * n);
  return p.div(p.neg().add(1)).log();
}
