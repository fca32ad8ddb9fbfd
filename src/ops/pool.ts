/**
 * Pooling over the trailing 1, 2 or 3 spatial dimensions of [N, C, …] (or unbatched [C, …]) inputs,
 * as PyTorch defines it: max (with its switches), sum and average, max unpooling, adaptive average
 * and max, and stochastic pooling. The number of spatial dimensions is the kernel's length, and
 * errors name the op as `maxPool2d` etc. nn.functional has the 1d/2d/3d forms taking plain numbers.
 */
import { defaultGenerator, type Generator } from "../tensor/random.js";
import { floatOf } from "../tensor/dtype.js";
import { fmtShape, ShapeError, sameShape, sizeOf } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { div, mul } from "./arithmetic.js";
import { cast } from "./cast.js";
import { gt, where } from "./compare.js";
import { rand } from "./creation.js";
import { relu } from "./math.js";
import { adaptivePlan, averageDivisor, windowPlan } from "./pool-plan.js";
import { adaptiveSize, poolGeometry, pooledSize, spatialSize, unpooledSize, type SizeArg, type WindowOptions } from "./pool-shape.js";
import { unpool, windowMax, windowSample, windowSum, type PoolWithIndices } from "./pool-windows.js";

export interface MaxPoolOptions extends WindowOptions {
  /** Spacing between the window's taps. Default 1. */
  dilation?: SizeArg;
  /** Also return the switches: where each maximum came from (see PoolWithIndices). Default false. */
  returnIndices?: boolean;
}

export interface AvgPoolOptions extends WindowOptions {
  /** Count padding positions in the divisor. Default true, as PyTorch. */
  countIncludePad?: boolean;
  /** Divide every window's sum by this instead of its size. */
  divisorOverride?: number;
}

export interface MaxUnpoolOptions {
  /** The stride of the max pool being undone. Default: the kernel size. */
  stride?: SizeArg;
  /** The padding of the max pool being undone. Default 0. */
  padding?: SizeArg;
  /** The spatial size to restore (or a full shape ending in it), e.g. the pool input's when it did not tile exactly. */
  outputSize?: readonly number[];
}

export interface StochasticPoolOptions extends WindowOptions {
  /** Sample (training) or take the probability-weighted average (evaluation). Default true. */
  training?: boolean;
  /** Where the draws come from. Default: the seeded default generator. */
  generator?: Generator;
  /** Instead of drawing: one uniform in [0, 1) per output element (to repeat a draw exactly). */
  uniforms?: Tensor;
}

const opName = (family: string, perDim: { length: number }) => `${family}${perDim.length}d`;

/** Pooling works in floating point; an int32 input is converted, as softmax does. */
const asFloat = (x: Tensor) => cast(x, floatOf(x.dtype));

/**
 * Max pooling over windows of `kernel` (one size per spatial dimension). With returnIndices, also
 * the flat index of each maximum within its input plane (PyTorch's switches, for maxUnpool).
 * The gradient goes to the maximum of each window (the first, if tied).
 */
export function maxPool(x: Tensor, kernel: readonly number[], options: MaxPoolOptions & { returnIndices: true }): PoolWithIndices;
export function maxPool(x: Tensor, kernel: readonly number[], options?: MaxPoolOptions): Tensor;
export function maxPool(x: Tensor, kernel: readonly number[], options: MaxPoolOptions = {}): Tensor | PoolWithIndices {
  const op = opName("maxPool", kernel);
  const geometry = poolGeometry(op, kernel.length, kernel, options);
  const inSize = spatialSize(op, x.shape, kernel.length);
  const picked = windowMax(asFloat(x), windowPlan(geometry, inSize, pooledSize(op, geometry, inSize)));
  return options.returnIndices ? picked : picked.output;
}

/** The sum of each window (sum pooling): average pooling without the division. */
export function sumPool(x: Tensor, kernel: readonly number[], options: WindowOptions = {}): Tensor {
  const op = opName("sumPool", kernel);
  const geometry = poolGeometry(op, kernel.length, kernel, options);
  const inSize = spatialSize(op, x.shape, kernel.length);
  return windowSum(asFloat(x), windowPlan(geometry, inSize, pooledSize(op, geometry, inSize)));
}

/**
 * The mean of each window. Its divisor is the window's size including padding (countIncludePad,
 * the default) or only the positions inside the input, or divisorOverride.
 */
export function avgPool(x: Tensor, kernel: readonly number[], options: AvgPoolOptions = {}): Tensor {
  const op = opName("avgPool", kernel);
  const { countIncludePad = true, divisorOverride } = options;
  if (divisorOverride !== undefined && !(Number.isFinite(divisorOverride) && divisorOverride !== 0)) {
    throw new RangeError(`${op}: divisorOverride must be a finite non-zero number, got ${divisorOverride}`);
  }
  const geometry = poolGeometry(op, kernel.length, kernel, options);
  const inSize = spatialSize(op, x.shape, kernel.length);
  const xf = asFloat(x);
  const plan = windowPlan(geometry, inSize, pooledSize(op, geometry, inSize));
  return div(windowSum(xf, plan), divisorOverride ?? averageDivisor(plan, geometry, countIncludePad, xf.dtype));
}

/**
 * The inverse of max pooling as far as it goes: each value of x put back where its max came from
 * (`indices`, from maxPool with returnIndices), zeros elsewhere. The gradient reads those positions.
 */
export function maxUnpool(x: Tensor, indices: Tensor, kernel: readonly number[], options: MaxUnpoolOptions = {}): Tensor {
  const op = opName("maxUnpool", kernel);
  const geometry = poolGeometry(op, kernel.length, kernel, options);
  const inSize = spatialSize(op, x.shape, kernel.length);
  if (indices.dtype !== "int32" || !sameShape(indices.shape, x.shape)) {
    throw new ShapeError(`${op}: indices must be int32 and shaped as the input ${fmtShape(x.shape)}, got ${indices.dtype} ${fmtShape(indices.shape)}`);
  }
  const outSize = unpooledSize(op, geometry, inSize, options.outputSize);
  const planeSize = sizeOf(outSize);
  const bad = indices.values.findIndex((i) => i < 0 || i >= planeSize);
  if (bad >= 0) {
    throw new RangeError(`${op}: index ${indices.values[bad]} (element ${bad}) is outside the output plane of ${fmtShape(outSize)} (valid: 0 to ${planeSize - 1})`);
  }
  return unpool(asFloat(x), indices, outSize, false);
}

/** Average pooling to a given output size with PyTorch's adaptive windows (see adaptivePlan). */
export function adaptiveAvgPool(x: Tensor, outputSize: readonly (number | null)[]): Tensor {
  const op = opName("adaptiveAvgPool", outputSize);
  const inSize = spatialSize(op, x.shape, outputSize.length);
  const xf = asFloat(x);
  const plan = adaptivePlan(inSize, adaptiveSize(op, inSize, outputSize));
  return div(windowSum(xf, plan), averageDivisor(plan, null, false, xf.dtype));
}

/** Max pooling to a given output size with PyTorch's adaptive windows; returnIndices as maxPool. */
export function adaptiveMaxPool(x: Tensor, outputSize: readonly (number | null)[], options: { returnIndices: true }): PoolWithIndices;
export function adaptiveMaxPool(x: Tensor, outputSize: readonly (number | null)[], options?: { returnIndices?: boolean }): Tensor;
export function adaptiveMaxPool(x: Tensor, outputSize: readonly (number | null)[], options: { returnIndices?: boolean } = {}): Tensor | PoolWithIndices {
  const op = opName("adaptiveMaxPool", outputSize);
  const inSize = spatialSize(op, x.shape, outputSize.length);
  const picked = windowMax(asFloat(x), adaptivePlan(inSize, adaptiveSize(op, inSize, outputSize)));
  return options.returnIndices ? picked : picked.output;
}

/**
 * Stochastic pooling (Zeiler & Fergus 2013) of non-negative activations a (negative inputs count
 * as 0). Training: one position per window, drawn with probability pᵢ = aᵢ/Σₖaₖ, passes its value
 * and its gradient (a window with Σ = 0 outputs 0). Evaluation: the expectation Σᵢ pᵢaᵢ = Σa²/Σa,
 * differentiated as such (0 where Σ = 0).
 */
export function stochasticPool(x: Tensor, kernel: readonly number[], options: StochasticPoolOptions = {}): Tensor {
  const op = opName("stochasticPool", kernel);
  const { training = true, generator = defaultGenerator, uniforms } = options;
  const geometry = poolGeometry(op, kernel.length, kernel, options);
  const inSize = spatialSize(op, x.shape, kernel.length);
  const outSize = pooledSize(op, geometry, inSize);
  const plan = windowPlan(geometry, inSize, outSize);
  const xf = asFloat(x);
  if (training) {
    const outShape = [...x.shape.slice(0, x.ndim - kernel.length), ...outSize];
    if (uniforms && !sameShape(uniforms.shape, outShape)) {
      throw new ShapeError(`${op}: uniforms must have the output's shape ${fmtShape(outShape)}, got ${fmtShape(uniforms.shape)}`);
    }
    return windowSample(xf, plan, uniforms ?? rand(outShape, { dtype: "float64", generator })).output;
  }
  const a = relu(xf);
  const mass = windowSum(a, plan);
  const some = gt(mass, 0);
  // the inner where keeps 0/0 out of the graph, so windows without mass get a zero gradient, not NaN
  return where(some, div(windowSum(mul(a, a), plan), where(some, mass, 1)), 0);
}
