/** Batch normalisation, functional form (torch.nn.functional.batch_norm). */
import { noGrad } from "../../autograd/index.js";
import { add, batchNormTraining, mul, reshape, rsqrt, sub } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

export interface BatchNormOptions {
  /** Per-channel scale γ, [C] (default none). */
  weight?: Tensor | null;
  /** Per-channel shift β, [C] (default none). */
  bias?: Tensor | null;
  /**
   * Normalise by the batch's statistics and update the running averages (if given); otherwise
   * normalise by the running averages. Default false, as PyTorch.
   */
  training?: boolean;
  /** Weight of the new batch in the running averages: r ← (1 − momentum)·r + momentum·batch. Default 0.1. */
  momentum?: number;
  /** Added to the variance before its square root. Default 1e-5. */
  eps?: number;
}

/**
 * Normalise x ([N, C, …], channels on axis 1) per channel: y = (x − μ)/√(σ² + eps)·weight + bias.
 * In training, μ and σ² are the batch's mean and biased variance over every axis but 1, and the
 * running averages (if given, [C] each) are updated in place with the batch mean and the unbiased
 * variance (× M/(M − 1) for M values per channel), as PyTorch does. Otherwise μ and σ² are the
 * running averages. Differentiable in x, weight and bias either way.
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions = {}): Tensor {
  const { weight = null, bias = null, training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (x.ndim < 2) throw new ShapeError(`batchNorm: input must be [N, C, …] with at least 2 dimensions, got shape ${fmtShape(x.shape)}`);
  for (const [name, t] of [["runningMean", runningMean], ["runningVar", runningVar]] as const) {
    if (t && (t.ndim !== 1 || t.shape[0] !== x.shape[1])) {
      throw new ShapeError(`batchNorm: ${name} must have shape [${x.shape[1]}] (one per channel of the input ${fmtShape(x.shape)}), got ${fmtShape(t.shape)}`);
    }
  }
  if ((runningMean === null) !== (runningVar === null)) throw new TypeError("batchNorm: pass both runningMean and runningVar, or neither");
  if (training) {
    const { out, mean, variance } = batchNormTraining(x, weight, bias, eps);
    if (runningMean && runningVar) updateRunningStats(runningMean, runningVar, mean, variance, momentum, x.size / x.shape[1]);
    return out;
  }
  if (!runningMean || !runningVar) throw new TypeError("batchNorm: evaluation mode (training false) needs runningMean and runningVar");
  return normalizeWith(x, runningMean, runningVar, weight, bias, eps);
}

/** r ← (1 − m)·r + m·batch, in place; the variance enters unbiased. */
function updateRunningStats(runningMean: Tensor, runningVar: Tensor, mean: Tensor, variance: Tensor, momentum: number, count: number): void {
  const unbias = count / (count - 1);
  const rm = runningMean.values;
  const rv = runningVar.values;
  for (let c = 0; c < rm.length; c++) {
    rm[c] = (1 - momentum) * rm[c] + momentum * mean.values[c];
    rv[c] = (1 - momentum) * rv[c] + momentum * variance.values[c] * unbias;
  }
}

/** Evaluation mode: a per-channel affine map x·scale + shift, scale = weight/√(var + eps), shift = bias − mean·scale. */
function normalizeWith(x: Tensor, runningMean: Tensor, runningVar: Tensor, weight: Tensor | null, bias: Tensor | null, eps: number): Tensor {
  const channelShape = x.shape.map((size, d) => (d === 1 ? size : 1)).slice(1);
  const invStd = noGrad(() => rsqrt(add(runningVar, eps)));
  const scale = weight ? mul(weight, invStd) : invStd;
  const shifted = sub(bias ?? 0, mul(runningMean, scale));
  return add(mul(x, reshape(scale, channelShape)), reshape(shifted, channelShape));
}
