/**
 * Annealed importance sampling for the partition function of a binary RBM (Neal 2001;
 * Salakhutdinov & Murray 2008, "On the quantitative analysis of deep belief networks").
 */
import { noGrad } from "../../autograd/index.js";
import { nextTurn } from "../../backend/turn.js";
import { zeros } from "../../ops/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";
import type { BinaryRBM } from "./binary-rbm.js";
import { bernoulliOf } from "./visible-data.js";

/**
 * Inverse temperatures from 0 to 1 with Salakhutdinov & Murray's proportions: a fraction 1/29 of
 * the steps over [0, 0.5], 8/29 over [0.5, 0.9], 20/29 over [0.9, 1] (spacings 1e-3, 1e-4, 1e-5
 * at the paper's 14,500 intermediate distributions, the default). Fewer distributions cost
 * proportionally less time and widen the spread of the importance weights; the estimate of
 * log Z stays unbiased in Z but is biased low in log Z, more so with fewer steps.
 */
export function aisSchedule(intermediate = 14_500): Float64Array {
  if (!Number.isInteger(intermediate) || intermediate < 29) throw new RangeError(`aisSchedule: intermediate must be an integer ≥ 29, got ${intermediate}`);
  const first = Math.round(intermediate / 29);
  const second = Math.round((intermediate * 8) / 29);
  const third = intermediate - first - second;
  const betas: number[] = [];
  const segment = (from: number, to: number, n: number) => {
    for (let i = 0; i < n; i++) betas.push(from + ((to - from) * i) / n);
  };
  segment(0, 0.5, first);
  segment(0.5, 0.9, second);
  segment(0.9, 1, third);
  betas.push(1);
  return Float64Array.from(betas);
}

export interface AisOptions {
  /** Independent annealing runs, advanced together as one batch (default 100, as the paper). */
  runs?: number;
  /** Inverse temperatures from 0 to 1 (default aisSchedule(): 14,500 intermediate distributions). */
  betas?: Float64Array;
  /** Visible biases of the base-rate model p_A(v) ∝ exp(b_Aᵀv) (default 0, the uniform distribution; pass dataLogOdds(trainingData)). */
  baseBiases?: Tensor;
  generator?: Generator;
}

export interface AisResult {
  /** The estimate of log Z: log of the mean importance weight. */
  logPartition: number;
  /** log(mean ± 3 standard errors) of the weights, the paper's bracket (low is −Infinity when the bracket reaches 0). */
  low: number;
  high: number;
  /** Each run's own estimate of log Z: log Z_0 plus its log importance weight. */
  logEstimates: Float64Array;
}

/**
 * The chain anneals from the base-rate model A (independent visible units, biases b_A; no
 * coupling) to the RBM B through p*_β(v) = exp((1−β) b_Aᵀv + β b_Bᵀv + Σ_j softplus(β (c_j + W_j·v))),
 * whose hidden units summed out give 2^hidden at β = 0, so log Z_0 = hidden·log 2 + Σ_i softplus(b_A,i).
 * Each run's log weight adds log p*_βk(v) − log p*_βk−1(v); v then moves by one Gibbs step that
 * leaves p_βk invariant (h_j ~ σ(β (c_j + W_j·v)), v_i ~ σ((1−β) b_A,i + β (b_B,i + (Wᵀh)_i))).
 */
export async function annealedLogPartition(rbm: BinaryRBM, options: AisOptions = {}): Promise<AisResult> {
  const { runs = 100, betas = aisSchedule(), generator = defaultGenerator } = options;
  if (!Number.isInteger(runs) || runs < 2) throw new RangeError(`annealedLogPartition: runs must be an integer ≥ 2, got ${runs}`);
  if (betas.length < 2 || betas[0] !== 0 || betas[betas.length - 1] !== 1) throw new RangeError("annealedLogPartition: betas must run from 0 to 1");
  const baseBiases = options.baseBiases ?? zeros([rbm.visible]);
  const biasShift = rbm.visibleBias.detach().sub(baseBiases).unsqueeze(1);
  // log p*_β(v) from the hidden input a = c + W v, which both temperatures of a step share.
  const logUnnormalised = (visibleTerms: { base: Tensor; shift: Tensor }, input: Tensor, beta: number): Tensor =>
    visibleTerms.base.add(visibleTerms.shift.mul(beta)).add(input.mul(beta).softplus().sum(1));
  let visible = bernoulliOf(baseBiases.sigmoid().unsqueeze(0).expand([runs, rbm.visible]), generator);
  let logWeights = zeros([runs]);
  for (let k = 1; k < betas.length; k++) {
    [visible, logWeights] = noGrad(() => {
      const input = rbm.hiddenInput(visible);
      const visibleTerms = { base: visible.matmul(baseBiases.unsqueeze(1)).squeeze(1), shift: visible.matmul(biasShift).squeeze(1) };
      const weights = logWeights.add(logUnnormalised(visibleTerms, input, betas[k]).sub(logUnnormalised(visibleTerms, input, betas[k - 1])));
      const hidden = bernoulliOf(input.mul(betas[k]).sigmoid(), generator);
      const visibleInput = rbm.visibleInput(hidden).mul(betas[k]).add(baseBiases.mul(1 - betas[k]));
      return [bernoulliOf(visibleInput.sigmoid(), generator), weights];
    });
    // one turn per step returns the step's temporaries to the fast backend memory (backend/turn.ts)
    await nextTurn();
  }
  const logBase = rbm.hidden * Math.LN2 + baseBiases.softplus().sum().itemSync();
  return summarise(Float64Array.from(logWeights.values), logBase);
}

/** log Z_0 + log mean w, with log(mean ± 3·stderr), computed stably from the log weights. */
function summarise(logWeights: Float64Array, logBase: number): AisResult {
  const shift = Math.max(...logWeights);
  const weights = logWeights.map((w) => Math.exp(w - shift));
  const mean = weights.reduce((s, w) => s + w, 0) / weights.length;
  const variance = weights.reduce((s, w) => s + (w - mean) ** 2, 0) / (weights.length - 1);
  const spread = 3 * Math.sqrt(variance / weights.length);
  const logOf = (x: number) => (x > 0 ? Math.log(x) + shift + logBase : -Infinity);
  return { logPartition: logOf(mean), low: logOf(mean - spread), high: logOf(mean + spread), logEstimates: logWeights.map((w) => w + logBase) };
}
