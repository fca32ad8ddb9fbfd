/**
 * "PROB" (log-sum-exp) pooling: (1/b)·log Σ exp(b·x) over each window, a soft maximum whose
 * sharpness b runs it from (scaled) average pooling (b → 0) to max pooling (b → ∞).
 */
import { div, logsumexp, mul, perSpatialDim, poolGeometry, pooledShape, reshape, sub, unfold, unsqueeze, type SizeArg } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";

export interface LogSumExpPoolOptions {
  /** Sharpness b > 0. Default 1. */
  b?: number;
  /** Step between windows. Default: the kernel size. */
  stride?: SizeArg;
  /**
   * Average inside the log, (1/b)·log((1/n)·Σ exp(b·x)) for a window of n, which subtracts
   * log(n)/b: the output then tends to the window's mean as b → 0 (and still to its max as b → ∞). Default false.
   */
  mean?: boolean;
}

/**
 * (1/b)·log Σ exp(b·x) over each window of x [N, C, H, W] (or [C, H, W]). Each window is unfolded
 * and reduced by logsumexp, which shifts by the window's own maximum, so no b·x overflows or
 * underflows a window away.
 */
export function logSumExpPool2d(x: Tensor, kernel: SizeArg, options: LogSumExpPoolOptions = {}): Tensor {
  const op = "logSumExpPool2d";
  const { b = 1, mean = false } = options;
  if (!(Number.isFinite(b) && b > 0)) throw new RangeError(`${op}: the sharpness b must be a positive finite number, got ${b}`);
  const k = perSpatialDim(op, "kernel size", kernel, 2, 1);
  const geometry = poolGeometry(op, 2, k, { stride: options.stride });
  const outShape = pooledShape(op, geometry, x.shape);
  const batched = x.ndim === 4 ? x : unsqueeze(x, 0);
  const [n, c] = batched.shape;
  const taps = k[0] * k[1];
  const positions = outShape[outShape.length - 2] * outShape[outShape.length - 1];
  const windows = reshape(unfold(mul(batched, b), k, { stride: geometry.stride }), [n, c, taps, positions]);
  const softMax = logsumexp(windows, 2);
  return reshape(div(mean ? sub(softMax, Math.log(taps)) : softMax, b), outShape);
}
