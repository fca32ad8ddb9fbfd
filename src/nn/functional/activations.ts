/**
 * Activation functions. Those the ops already provide are re-exported; the rest are written with
 * ops, choosing forms whose autograd gradient matches PyTorch's at the kinks (x = 0, x = ±λ).
 */
import { clamp, expm1, gt, mul, reshape, softplus as logOnePlusExp, sub, where } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

export { abs, logSoftmax, relu, sigmoid, softmax, tanh } from "../../ops/index.js";

/** x for x > 0, negativeSlope·x otherwise (gradient negativeSlope at 0, as PyTorch). */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return where(gt(x, 0), x, mul(x, negativeSlope));
}

/**
 * Parametric ReLU: x for x > 0, a·x otherwise, with a learned slope `weight` — one value for all
 * elements, or one per channel (dimension 1 of the input).
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  const channels = weight.size;
  if (weight.ndim > 1) throw new ShapeError(`prelu: weight must be 1-D, got shape ${fmtShape(weight.shape)}`);
  if (channels !== 1 && (x.ndim < 2 || x.shape[1] !== channels)) {
    throw new ShapeError(
      `prelu: weight holds ${channels} slopes, one per channel, but the input of shape ${fmtShape(x.shape)} ` +
        `${x.ndim < 2 ? "has no channel dimension" : `has ${x.shape[1]} channels`} (dimension 1)`,
    );
  }
  const slope = channels === 1 ? reshape(weight, []) : reshape(weight, [channels, ...Array<number>(x.ndim - 2).fill(1)]);
  return where(gt(x, 0), x, mul(slope, x));
}

/** x for x > 0, alpha·(eˣ − 1) otherwise. */
export function elu(x: Tensor, alpha = 1): Tensor {
  // clamping before expm1 keeps e^x of large positive x (an unused branch) from making inf·0 = NaN gradients
  return where(gt(x, 0), x, mul(expm1(clamp(x, -Infinity, 0)), alpha));
}

/** log(1 + e^(beta·x)) / beta, and x itself where beta·x > threshold (PyTorch's linear regime). */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const scaled = mul(x, beta);
  return where(gt(scaled, threshold), x, mul(logOnePlusExp(scaled), 1 / beta));
}

/** Soft shrinkage: x − lambda above lambda, x + lambda below −lambda, 0 between. */
export function softShrink(x: Tensor, lambda = 0.5): Tensor {
  if (!(lambda >= 0)) throw new RangeError(`softShrink: lambda must be non-negative, got ${lambda}`);
  // x − clamp(x, −λ, λ): clamp passes the gradient inside [−λ, λ], so the result's is 0 there and 1 outside
  return sub(x, clamp(x, -lambda, lambda));
}
