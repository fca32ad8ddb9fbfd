/** Reductions over any set of axes, and their gradients. */
import { kernels } from "../backend/registry.js";
import type { ReduceOp } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { floatOf } from "../tensor/dtype.js";
import { fmtShape, normAxes, normAxis, reducedShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { add, div, mul, sub } from "./arithmetic.js";
import { cast } from "./cast.js";
import { zeros } from "./creation.js";
import { eq } from "./compare.js";
import { exp, log, sqrt } from "./math.js";
import { expand, reshape } from "./shape.js";

/** One axis or several (negative counts from the end); omitted means all axes. */
export type Axes = number | readonly number[];

function reduceKernel(op: ReduceOp, x: Tensor, axes: number[], keepDim: boolean): Tensor {
  if (x.size === 0 && op !== "sum" && op !== "prod") {
    throw new ShapeError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  }
  const r = kernels().reduce(op, x, axes);
  return new Tensor(r.values, reducedShape(x.shape, axes, keepDim));
}

/** The gradient of a reduction, shaped back to the input: keep the reduced axes, then broadcast. */
function spread(g: Tensor, x: Tensor, axes: number[]): Tensor {
  return expand(reshape(g, reducedShape(x.shape, axes, true)), x.shape);
}

/** Sum over `axis` (all axes when omitted); keepDim leaves the reduced axes as size 1. */
export function sum(x: Tensor, axis?: Axes, keepDim = false): Tensor {
  const axes = normAxes("sum", axis, x.ndim);
  return record("sum", reduceKernel("sum", x, axes, keepDim), [x], (g) => [spread(g, x, axes)]);
}

/** Mean over `axis` (all axes when omitted); int32 input gives float32. */
export function mean(x: Tensor, axis?: Axes, keepDim = false): Tensor {
  const axes = normAxes("mean", axis, x.ndim);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  return div(sum(cast(x, floatOf(x.dtype)), axes, keepDim), count);
}

function extreme(op: "max" | "min", x: Tensor, axis: Axes | undefined, keepDim: boolean): Tensor {
  const axes = normAxes(op, axis, x.ndim);
  const out = reduceKernel(op, x, axes, keepDim);
  return record(op, out, [x], (g) => {
    // ties share the gradient equally (PyTorch's amax/amin rule)
    const hits = cast(eq(x, spread(out, x, axes)), g.dtype);
    const count = sum(hits, axes, true);
    return [mul(spread(g, x, axes), div(hits, count))];
  });
}

/** Largest value over `axis` (all when omitted); tied maxima share the gradient equally (torch.amax). */
export function max(x: Tensor, axis?: Axes, keepDim = false): Tensor {
  return extreme("max", x, axis, keepDim);
}

/** Smallest value over `axis` (all when omitted); tied minima share the gradient equally. */
export function min(x: Tensor, axis?: Axes, keepDim = false): Tensor {
  return extreme("min", x, axis, keepDim);
}

function argExtreme(op: "argmax" | "argmin", x: Tensor, axis: number | undefined, keepDim: boolean): Tensor {
  if (axis === undefined) {
    const flat = reshape(x, [x.size]);
    return argExtreme(op, flat, 0, false);
  }
  const a = normAxis(op, axis, x.ndim);
  if (x.size === 0) throw new ShapeError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  const r = kernels().argReduce(op, x, a);
  return new Tensor(r.values, reducedShape(x.shape, [a], keepDim));
}

/** Index of the largest element along `axis` (over the flattened tensor when omitted), int32. */
export function argmax(x: Tensor, axis?: number, keepDim = false): Tensor {
  return argExtreme("argmax", x, axis, keepDim);
}

/** Index of the smallest element along `axis` (over the flattened tensor when omitted); ties give the first. */
export function argmin(x: Tensor, axis?: number, keepDim = false): Tensor {
  return argExtreme("argmin", x, axis, keepDim);
}

/** Options of variance and std. */
export interface VarOptions {
  /** Subtracted from the count in the denominator: 1 (Bessel's correction, PyTorch's default) or 0. */
  correction?: number;
  keepDim?: boolean;
}

/** Variance over `axis` (all when omitted), divided by count − correction (Bessel's by default, as PyTorch). */
export function variance(x: Tensor, axis?: Axes, options: VarOptions = {}): Tensor {
  const { correction = 1, keepDim = false } = options;
  const axes = normAxes("var", axis, x.ndim);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  const xf = cast(x, floatOf(x.dtype));
  const centred = sub(xf, mean(xf, axes, true));
  return div(sum(mul(centred, centred), axes, keepDim), Math.max(count - correction, 0));
}

/** Standard deviation: the square root of variance with the same options. */
export function std(x: Tensor, axis?: Axes, options: VarOptions = {}): Tensor {
  return sqrt(variance(x, axis, options));
}

/** log Σ exp(x) over the axes, shifted by the max so it cannot overflow. */
export function logsumexp(x: Tensor, axis?: Axes, keepDim = false): Tensor {
  const axes = normAxes("logsumexp", axis, x.ndim);
  const xf = cast(x, floatOf(x.dtype));
  // an empty tensor has no max to shift by, and an all -inf slice would give -inf - -inf = NaN:
  // both are shifted by 0 instead (an empty sum then gives log 0 = -inf, as in PyTorch)
  const shift = x.size === 0 ? zeros(reducedShape(x.shape, axes, true), { dtype: xf.dtype }) : reduceKernel("max", xf, axes, true);
  for (let i = 0; i < shift.size; i++) if (!Number.isFinite(shift.values[i])) shift.values[i] = 0;
  const summed = log(sum(exp(sub(xf, shift)), axes, true));
  const out = add(summed, shift);
  return keepDim ? out : reshape(out, reducedShape(x.shape, axes, false));
}
