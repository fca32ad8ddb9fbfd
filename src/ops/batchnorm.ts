/**
 * Training-mode batch normalisation as one op over a fused kernel: nn.functional.batchNorm builds
 * on it (running averages, evaluation mode). The gradient comes from a fused kernel too, except
 * when the backward pass is itself recorded (gradients of gradients), where it is written in ops.
 */
import { kernels } from "../backend/registry.js";
import { isGradEnabled } from "../autograd/mode.js";
import { record } from "../autograd/record.js";
import { floatOf } from "../tensor/dtype.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { add, div, mul, sub } from "./arithmetic.js";
import { cast } from "./cast.js";
import { rsqrt } from "./math.js";
import { mean, sum } from "./reduce.js";
import { reshape } from "./shape.js";

export interface BatchNormTrainingResult {
  /** The normalised (and, with weight and bias, scaled and shifted) input. */
  out: Tensor;
  /** Per-channel batch mean, [C] (no gradient: for running averages). */
  mean: Tensor;
  /** Per-channel biased batch variance (divided by the count), [C] (no gradient). */
  variance: Tensor;
}

function checkChannelVector(name: string, t: Tensor | null, x: Tensor): void {
  if (t && (t.ndim !== 1 || t.shape[0] !== x.shape[1])) {
    throw new ShapeError(
      `batchNorm: ${name} must have shape [${x.shape[1]}] (one per channel of the input ${fmtShape(x.shape)}), got ${fmtShape(t.shape)}`,
    );
  }
}

/**
 * Normalise x ([N, C, …], channels on axis 1) by each channel's batch mean μ and biased variance
 * σ² over every other axis: y = (x − μ)/√(σ² + eps)·weight + bias (weight and bias [C], or null
 * for none). Differentiable in x, weight and bias; also returns μ and σ².
 */
export function batchNormTraining(x: Tensor, weight: Tensor | null, bias: Tensor | null, eps = 1e-5): BatchNormTrainingResult {
  if (x.ndim < 2) throw new ShapeError(`batchNorm: input must be [N, C, …] with at least 2 dimensions, got shape ${fmtShape(x.shape)}`);
  checkChannelVector("weight", weight, x);
  checkChannelVector("bias", bias, x);
  const count = x.size / x.shape[1];
  if (count <= 1) {
    throw new ShapeError(`batchNorm: expected more than 1 value per channel when training, got input of shape ${fmtShape(x.shape)}`);
  }
  const xf = cast(x, floatOf(x.dtype));
  const stats = kernels().batchNormForward(xf, weight, bias, eps);
  const out = Tensor.fromData(stats.out);
  const batchMean = Tensor.fromData(stats.mean);
  const variance = Tensor.fromData(stats.variance);
  const inputs = [xf, weight, bias].filter((t): t is Tensor => t !== null);
  record("batchNorm", out, inputs, (g) => {
    const [gx, gw, gb] = isGradEnabled()
      ? gradientsByOps(xf, g, weight, eps)
      : fusedGradients(xf, g, batchMean, variance, weight, eps);
    return [gx, ...(weight ? [gw] : []), ...(bias ? [gb] : [])];
  });
  return { out, mean: batchMean, variance };
}

function fusedGradients(x: Tensor, g: Tensor, batchMean: Tensor, variance: Tensor, weight: Tensor | null, eps: number): Tensor[] {
  const grads = kernels().batchNormBackward(x, g, batchMean, variance, weight, eps);
  return [Tensor.fromData(grads.gradInput), Tensor.fromData(grads.gradWeight), Tensor.fromData(grads.gradBias)];
}

/** The same gradients as the fused kernel, recomputed from x with ops so they can be differentiated again. */
function gradientsByOps(x: Tensor, g: Tensor, weight: Tensor | null, eps: number): Tensor[] {
  const axes = x.shape.map((_, d) => d).filter((d) => d !== 1);
  const channelShape = x.shape.map((size, d) => (d === 1 ? size : 1));
  const count = x.size / x.shape[1];
  const centred = sub(x, mean(x, axes, true));
  const invStd = rsqrt(add(mean(mul(centred, centred), axes, true), eps));
  const xHat = mul(centred, invStd);
  const gBias = sum(g, axes, true);
  const gWeight = sum(mul(g, xHat), axes, true);
  const scale = weight ? mul(reshape(weight, channelShape), invStd) : invStd;
  const gx = mul(scale, sub(sub(g, div(gBias, count)), mul(xHat, div(gWeight, count))));
  return [gx, reshape(gWeight, [x.shape[1]]), reshape(gBias, [x.shape[1]])];
}
