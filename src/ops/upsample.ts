/**
 * Resizing feature maps (PyTorch's F.interpolate): nearest neighbour, and linear interpolation along
 * 1, 2 or 3 spatial dimensions (linear, bilinear, trilinear). Both are separable, so each spatial
 * axis is resized in turn: nearest picks source rows with indexSelect; linear blends the two
 * neighbouring rows, (1 − λ)·x[i0] + λ·x[i1] (for small inputs as one matrix product, faster there).
 * The gradients come from those ops.
 *
 * Source positions follow PyTorch 1.13 exactly, including its float32 arithmetic for nearest (a
 * position that is a whole number in exact arithmetic can land either side of it).
 */
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { add, mul } from "./arithmetic.js";
import { cast } from "./cast.js";
import { matmul, matmulT } from "./matmul.js";
import { reshape } from "./shape.js";
import { perSpatialDim } from "./conv-geometry.js";
import { indexSelect } from "./gather.js";
import { floatOf } from "../tensor/dtype.js";

export type InterpolateMode = "nearest" | "linear" | "bilinear" | "trilinear";

export interface InterpolateOptions {
  /** Output spatial size (one number for all dimensions, or one each). Give this or scaleFactor. */
  size?: number | readonly number[];
  /** Multiplier of each spatial size; the output size is ⌊N·scaleFactor⌋. Give this or size. */
  scaleFactor?: number | readonly number[];
  /** Default "nearest". The linear modes go with the input's rank: linear 3-D, bilinear 4-D, trilinear 5-D. */
  mode?: InterpolateMode;
  /**
   * Linear modes only. false (default): pixels are areas and their centres are aligned, so the
   * output is a scaled picture. true: the corner pixels' centres are aligned and kept exactly.
   */
  alignCorners?: boolean;
}

const linearModeFor: Record<number, InterpolateMode> = { 1: "linear", 2: "bilinear", 3: "trilinear" };

/** How output index i maps to the input along one axis: source rows and the weight of the second one. */
interface AxisPlan {
  lower: Int32Array;
  upper: Int32Array;
  upperWeight: Float64Array;
}

/**
 * PyTorch's nearest rule: ⌊i·scale⌋ in float32, scale = 1/scaleFactor if given, else in/out; but
 * exactly i/2 when the size doubles (PyTorch takes that shortcut whatever the scale factor).
 */
function nearestPlan(inSize: number, outSize: number, scaleFactor: number | undefined): Int32Array {
  if (outSize === 2 * inSize) return Int32Array.from({ length: outSize }, (_, i) => i >> 1);
  const scale = Math.fround(scaleFactor !== undefined ? 1 / scaleFactor : inSize / outSize);
  return Int32Array.from({ length: outSize }, (_, i) => Math.min(Math.floor(Math.fround(Math.fround(i) * scale)), inSize - 1));
}

/** PyTorch's linear rule: the source coordinate of output i, split into its two neighbours and a weight. */
function linearPlan(inSize: number, outSize: number, scaleFactor: number | undefined, alignCorners: boolean): AxisPlan {
  let scale: number;
  if (alignCorners) scale = outSize > 1 ? (inSize - 1) / (outSize - 1) : 0;
  else scale = scaleFactor !== undefined ? 1 / scaleFactor : inSize / outSize;
  const plan: AxisPlan = { lower: new Int32Array(outSize), upper: new Int32Array(outSize), upperWeight: new Float64Array(outSize) };
  for (let i = 0; i < outSize; i++) {
    const source = alignCorners ? scale * i : Math.max(0, scale * (i + 0.5) - 0.5);
    const i0 = Math.min(Math.floor(source), inSize - 1);
    plan.lower[i] = i0;
    plan.upper[i] = Math.min(i0 + 1, inSize - 1);
    plan.upperWeight[i] = Math.min(Math.max(source - i0, 0), 1);
  }
  return plan;
}

/** A weight vector shaped to broadcast along `axis` of a tensor of rank `ndim`. */
function alongAxis(weights: Float64Array, axis: number, ndim: number, like: Tensor): Tensor {
  const shape = Array.from({ length: ndim }, (_, d) => (d === axis ? weights.length : 1));
  return cast(new Tensor(Float64Array.from(weights), shape), like.dtype);
}

/**
 * Up to this input size an axis is resized by one matrix product, above it by gathering the two
 * neighbour rows. Measured on the wasm backend: 16×32×12×12 maps to 48×48 in 48 ms by product
 * against 489 ms by gathering; 1×3×512×512 to 1024×1024 took 6.0 s by product against 1.1 s by
 * gathering (the product's work grows with the input size, the gather's does not).
 */
const MATMUL_RESIZE_MAX = 64;
/**
 * An axis before the last is resized by a product batched over the dimensions before it, one
 * matrix each; the wasm backend takes at most 65,534 in one job, so larger batches gather.
 */
const MATMUL_RESIZE_MAX_BATCH = 16_384;

function resizeAxisLinear(x: Tensor, axis: number, plan: AxisPlan): Tensor {
  const last = axis === x.ndim - 1;
  const batch = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const byMatrix = x.shape[axis] <= MATMUL_RESIZE_MAX && (last || batch <= MATMUL_RESIZE_MAX_BATCH);
  return byMatrix ? resizeByMatrix(x, axis, plan) : resizeByGather(x, axis, plan);
}

function resizeByGather(x: Tensor, axis: number, plan: AxisPlan): Tensor {
  const lowerWeight = plan.upperWeight.map((w) => 1 - w);
  const lower = mul(indexSelect(x, axis, new Tensor(plan.lower, [plan.lower.length])), alongAxis(lowerWeight, axis, x.ndim, x));
  const upper = mul(indexSelect(x, axis, new Tensor(plan.upper, [plan.upper.length])), alongAxis(plan.upperWeight, axis, x.ndim, x));
  return add(lower, upper);
}

/**
 * x viewed as [before, in, after], multiplied on the left by the [out, in] interpolation matrix (two
 * nonzero weights a row); for the last axis, x viewed as [before, in] times the matrix's transpose.
 */
function resizeByMatrix(x: Tensor, axis: number, plan: AxisPlan): Tensor {
  const inSize = x.shape[axis];
  const outSize = plan.lower.length;
  const weights = new Float64Array(outSize * inSize);
  for (let i = 0; i < outSize; i++) {
    weights[i * inSize + plan.lower[i]] += 1 - plan.upperWeight[i];
    weights[i * inSize + plan.upper[i]] += plan.upperWeight[i];
  }
  const before = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const after = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const matrix = cast(new Tensor(weights, [outSize, inSize]), x.dtype);
  const resized = after === 1 ? matmulT(reshape(x, [before, inSize]), matrix, false, true) : matmul(matrix, reshape(x, [before, inSize, after]));
  return reshape(resized, x.shape.map((n, d) => (d === axis ? outSize : n)));
}

/** The output spatial size and, if given, the per-dimension scale factors. */
function outputSize(x: Tensor, dims: number, options: InterpolateOptions): { size: number[]; factors: (number | undefined)[] } {
  const { size, scaleFactor } = options;
  if ((size === undefined) === (scaleFactor === undefined)) {
    throw new TypeError("interpolate: give exactly one of size and scaleFactor");
  }
  const inSize = x.shape.slice(2);
  if (size !== undefined) return { size: perSpatialDim("interpolate", "size", size, dims, 1), factors: inSize.map(() => undefined) };
  const factors = typeof scaleFactor === "number" ? inSize.map(() => scaleFactor) : [...scaleFactor!];
  if (factors.length !== dims || factors.some((f) => !(f > 0) || !Number.isFinite(f))) {
    throw new RangeError(`interpolate: scaleFactor must be a positive number or ${dims} of them (one per spatial dimension), got ${JSON.stringify(scaleFactor)}`);
  }
  const out = inSize.map((n, i) => Math.floor(n * factors[i]));
  if (out.some((n) => n < 1)) {
    throw new ShapeError(`interpolate: scaleFactor ${JSON.stringify(scaleFactor)} shrinks spatial size ${fmtShape(inSize)} to nothing (${fmtShape(out)})`);
  }
  return { size: out, factors };
}

/**
 * Resize the spatial dimensions of x [N, C, …spatial] (1 to 3 of them) to `size`, or by
 * `scaleFactor`, with nearest-neighbour or linear interpolation, as PyTorch's F.interpolate.
 */
export function interpolate(x: Tensor, options: InterpolateOptions): Tensor {
  const dims = x.ndim - 2;
  if (dims < 1 || dims > 3) {
    throw new ShapeError(`interpolate: input must be [N, C, …spatial] with 1 to 3 spatial dimensions, got shape ${fmtShape(x.shape)}`);
  }
  const mode = options.mode ?? "nearest";
  const { size, factors } = outputSize(x, dims, options);
  if (mode === "nearest") {
    if (options.alignCorners !== undefined) throw new TypeError('interpolate: alignCorners applies to the linear modes only, not "nearest"');
    let y = x;
    size.forEach((n, i) => {
      if (n === x.shape[i + 2]) return; // PyTorch copies an axis whose size is unchanged
      const rows = nearestPlan(x.shape[i + 2], n, factors[i]);
      y = indexSelect(y, i + 2, new Tensor(rows, [n]));
    });
    return y;
  }
  if (mode !== "linear" && mode !== "bilinear" && mode !== "trilinear") {
    throw new TypeError(`interpolate: mode must be "nearest", "linear", "bilinear" or "trilinear", got ${JSON.stringify(mode)}`);
  }
  if (linearModeFor[dims] !== mode) {
    throw new ShapeError(`interpolate: mode "${mode}" needs a ${mode === "linear" ? 3 : mode === "bilinear" ? 4 : 5}-D input, got shape ${fmtShape(x.shape)} (use "${linearModeFor[dims]}")`);
  }
  let y = cast(x, floatOf(x.dtype));
  size.forEach((n, i) => {
    const unchanged = n === x.shape[i + 2] && (factors[i] === undefined || factors[i] === 1 || options.alignCorners);
    if (unchanged) return;
    y = resizeAxisLinear(y, i + 2, linearPlan(x.shape[i + 2], n, factors[i], options.alignCorners ?? false));
  });
  return y;
}
