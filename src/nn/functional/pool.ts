/**
 * Functional pooling over 1, 2 or 3 spatial dimensions, as torch.nn.functional: a kernel size is
 * one number or one per dimension, options are camelCase (`maxPool2d(x, 2, { stride: 2 })`).
 * Each form checks its sizes and calls the N-d op in src/ops/pool.ts.
 */
import {
  adaptiveAvgPool, adaptiveMaxPool, avgPool, maxPool, maxUnpool, mul, ne, perSpatialDim, poolGeometry, pooledShape, pow,
  stochasticPool, sumPool, where,
  type AvgPoolOptions, type MaxPoolOptions, type MaxUnpoolOptions, type PoolWithIndices, type SizeArg, type StochasticPoolOptions,
  type WindowOptions,
} from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";

/** Sizes of `op`'s kernel, one per spatial dimension. */
const kernelOf = (op: string, kernel: SizeArg, dims: number) => perSpatialDim(op, "kernel size", kernel, dims, 1);

/** An output size of an adaptive pool: one number for all dimensions, or one each (null keeps the input's). */
export type AdaptiveSize = number | readonly (number | null)[];

/** An adaptive output size as one entry per spatial dimension, checked to have `dims` of them. */
export function adaptiveOf(op: string, size: AdaptiveSize, dims: number): readonly (number | null)[] {
  if (typeof size === "number") return new Array<number>(dims).fill(size);
  if (size.length !== dims) throw new RangeError(`${op}: outputSize must be one number or ${dims} (null keeps an input size), got ${JSON.stringify(size)}`);
  return size;
}

function maxPoolFor(dims: number) {
  function pool(x: Tensor, kernel: SizeArg, options: MaxPoolOptions & { returnIndices: true }): PoolWithIndices;
  function pool(x: Tensor, kernel: SizeArg, options?: MaxPoolOptions): Tensor;
  function pool(x: Tensor, kernel: SizeArg, options: MaxPoolOptions = {}): Tensor | PoolWithIndices {
    return maxPool(x, kernelOf(`maxPool${dims}d`, kernel, dims), options);
  }
  return pool;
}

function adaptiveMaxPoolFor(dims: number) {
  function pool(x: Tensor, outputSize: AdaptiveSize, options: { returnIndices: true }): PoolWithIndices;
  function pool(x: Tensor, outputSize: AdaptiveSize, options?: { returnIndices?: boolean }): Tensor;
  function pool(x: Tensor, outputSize: AdaptiveSize, options: { returnIndices?: boolean } = {}): Tensor | PoolWithIndices {
    return adaptiveMaxPool(x, adaptiveOf(`adaptiveMaxPool${dims}d`, outputSize, dims), options);
  }
  return pool;
}

/** Max pooling (the gradient goes to each window's maximum); `{ returnIndices: true }` gives `{ output, indices }`. */
export const maxPool1d = maxPoolFor(1);
/** Max pooling over H, W; see maxPool1d. */
export const maxPool2d = maxPoolFor(2);
/** Max pooling over D, H, W; see maxPool1d. */
export const maxPool3d = maxPoolFor(3);

/** Average pooling (countIncludePad true by default; divisorOverride replaces the divisor). */
export const avgPool1d = (x: Tensor, kernel: SizeArg, options?: AvgPoolOptions): Tensor => avgPool(x, kernelOf("avgPool1d", kernel, 1), options);
export const avgPool2d = (x: Tensor, kernel: SizeArg, options?: AvgPoolOptions): Tensor => avgPool(x, kernelOf("avgPool2d", kernel, 2), options);
export const avgPool3d = (x: Tensor, kernel: SizeArg, options?: AvgPoolOptions): Tensor => avgPool(x, kernelOf("avgPool3d", kernel, 3), options);

/** Sum pooling: the sum of each window. */
export const sumPool1d = (x: Tensor, kernel: SizeArg, options?: WindowOptions): Tensor => sumPool(x, kernelOf("sumPool1d", kernel, 1), options);
export const sumPool2d = (x: Tensor, kernel: SizeArg, options?: WindowOptions): Tensor => sumPool(x, kernelOf("sumPool2d", kernel, 2), options);
export const sumPool3d = (x: Tensor, kernel: SizeArg, options?: WindowOptions): Tensor => sumPool(x, kernelOf("sumPool3d", kernel, 3), options);

/** Put values back where maxPool's indices say, zeros elsewhere (the deconvnet's unpooling). */
export const maxUnpool1d = (x: Tensor, indices: Tensor, kernel: SizeArg, options?: MaxUnpoolOptions): Tensor =>
  maxUnpool(x, indices, kernelOf("maxUnpool1d", kernel, 1), options);
export const maxUnpool2d = (x: Tensor, indices: Tensor, kernel: SizeArg, options?: MaxUnpoolOptions): Tensor =>
  maxUnpool(x, indices, kernelOf("maxUnpool2d", kernel, 2), options);
export const maxUnpool3d = (x: Tensor, indices: Tensor, kernel: SizeArg, options?: MaxUnpoolOptions): Tensor =>
  maxUnpool(x, indices, kernelOf("maxUnpool3d", kernel, 3), options);

/** Average pooling to a fixed output size, whatever the input's (windows by PyTorch's adaptive rule). */
export const adaptiveAvgPool1d = (x: Tensor, outputSize: AdaptiveSize): Tensor => adaptiveAvgPool(x, adaptiveOf("adaptiveAvgPool1d", outputSize, 1));
export const adaptiveAvgPool2d = (x: Tensor, outputSize: AdaptiveSize): Tensor => adaptiveAvgPool(x, adaptiveOf("adaptiveAvgPool2d", outputSize, 2));
export const adaptiveAvgPool3d = (x: Tensor, outputSize: AdaptiveSize): Tensor => adaptiveAvgPool(x, adaptiveOf("adaptiveAvgPool3d", outputSize, 3));

/** Max pooling to a fixed output size; `{ returnIndices: true }` gives `{ output, indices }`. */
export const adaptiveMaxPool1d = adaptiveMaxPoolFor(1);
export const adaptiveMaxPool2d = adaptiveMaxPoolFor(2);
export const adaptiveMaxPool3d = adaptiveMaxPoolFor(3);

/** Options of Lp pooling: where the windows sit (no padding, as PyTorch). */
export interface LPPoolOptions {
  stride?: SizeArg;
  ceilMode?: boolean;
}

/**
 * Lp (power-average) pooling as PyTorch's lp_pool: (Σ x^p)^(1/p) over each window — p = 1 is sum
 * pooling, p = 2 the Euclidean norm, and large p approaches max pooling (of non-negative inputs).
 * As in PyTorch it is computed as (average of x^p · window size)^(1/p), so a partial ceil-mode
 * window is scaled up to the full size, and x^p of a negative x is NaN unless p is an integer.
 * Where the sum is 0 the output is 0 with a zero gradient (rather than 0^(1/p − 1) = ∞).
 */
export function lpPool(x: Tensor, p: number, kernel: readonly number[], options: LPPoolOptions = {}): Tensor {
  const op = `lpPool${kernel.length}d`;
  if (!(Number.isFinite(p) && p > 0)) throw new RangeError(`${op}: the norm p must be a positive number, got ${p}`);
  const window = { stride: options.stride, ceilMode: options.ceilMode };
  pooledShape(op, poolGeometry(op, kernel.length, kernel, window), x.shape);
  const windowSize = kernel.reduce((n, v) => n * v, 1);
  const total = mul(avgPool(pow(x, p), kernel, window), windowSize);
  const nonzero = ne(total, 0);
  // the inner where keeps 0^(1/p) out of the graph, so its infinite slope does not make 0·∞ = NaN
  return where(nonzero, pow(where(nonzero, total, 1), 1 / p), 0);
}

export const lpPool1d = (x: Tensor, p: number, kernel: SizeArg, options?: LPPoolOptions): Tensor => lpPool(x, p, kernelOf("lpPool1d", kernel, 1), options);
export const lpPool2d = (x: Tensor, p: number, kernel: SizeArg, options?: LPPoolOptions): Tensor => lpPool(x, p, kernelOf("lpPool2d", kernel, 2), options);
export const lpPool3d = (x: Tensor, p: number, kernel: SizeArg, options?: LPPoolOptions): Tensor => lpPool(x, p, kernelOf("lpPool3d", kernel, 3), options);

/**
 * Stochastic pooling (Zeiler & Fergus 2013) over H, W: in training one position per window is
 * sampled with probability aᵢ/Σa (seeded default generator unless one is given); in evaluation the
 * probability-weighted average Σa²/Σa. Inputs should be non-negative (after a ReLU); negative
 * values count as 0. See stochasticPool in ops for the details.
 */
export const stochasticPool2d = (x: Tensor, kernel: SizeArg, options?: StochasticPoolOptions): Tensor =>
  stochasticPool(x, kernelOf("stochasticPool2d", kernel, 2), options);
