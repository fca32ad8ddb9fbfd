/**
 * Convolution arguments as PyTorch takes them (one number or one per spatial dimension, padding
 * also "same" or "valid") checked and turned into the ConvGeometry the kernels read.
 */
import type { ConvGeometry } from "../backend/kernels.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";

/** Zero padding: per side, one number for every dimension or one per dimension; or PyTorch's "same" / "valid". */
export type ConvPadding = number | readonly number[] | "same" | "valid";

export interface ConvOptions {
  /** Step of the window, per spatial dimension or one for all. Default 1. */
  stride?: number | readonly number[];
  /** Zeros added on both sides (default 0); "valid" is 0; "same" keeps the size (stride 1 only). */
  padding?: ConvPadding;
  /** Spacing between kernel taps (à trous). Default 1. */
  dilation?: number | readonly number[];
  /** Split channels into this many independent convolutions. Default 1. */
  groups?: number;
}

/** A size given as one number or one per spatial dimension, checked to be integers ≥ min. */
export function perSpatialDim(op: string, name: string, value: number | readonly number[], dims: number, min: number): number[] {
  const values = typeof value === "number" ? new Array<number>(dims).fill(value) : [...value];
  if (values.length !== dims || values.some((v) => !Number.isInteger(v) || v < min)) {
    throw new RangeError(`${op}: ${name} must be an integer ≥ ${min} or ${dims} of them (one per spatial dimension), got ${JSON.stringify(value)}`);
  }
  return values;
}

/** Padding before and after each spatial dimension. */
export interface SidePadding {
  before: number[];
  after: number[];
}

/**
 * Resolve padding to zeros before/after each dimension. "same" pads d·(k−1) in all, half before and
 * the odd one after, as PyTorch does (which is why it needs stride 1: only then is the size kept).
 */
export function resolveConvPadding(op: string, padding: ConvPadding, kernel: readonly number[], dilation: readonly number[], stride: readonly number[]): SidePadding {
  if (padding === "valid") return { before: kernel.map(() => 0), after: kernel.map(() => 0) };
  if (padding === "same") {
    if (stride.some((s) => s !== 1)) throw new RangeError(`${op}: padding "same" needs stride 1, got stride ${fmtShape(stride)}`);
    const total = kernel.map((k, i) => dilation[i] * (k - 1));
    const before = total.map((t) => Math.floor(t / 2));
    return { before, after: total.map((t, i) => t - before[i]) };
  }
  if (typeof padding === "string") throw new RangeError(`${op}: padding must be a number, an array, "same" or "valid", got "${padding}"`);
  const before = perSpatialDim(op, "padding", padding, kernel.length, 0);
  return { before, after: [...before] };
}

/** PyTorch's output length: ⌊(N + P_before + P_after − D·(F − 1) − 1)/S⌋ + 1. */
export function convOutputLength(size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
  return Math.floor((size + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Geometry of a convolution with a weight of spatial size `kernel` over `inSize`, with every size checked. */
export function convGeometry(op: string, inSize: readonly number[], kernel: readonly number[], options: ConvOptions): ConvGeometry {
  const dims = kernel.length;
  const stride = perSpatialDim(op, "stride", options.stride ?? 1, dims, 1);
  const dilation = perSpatialDim(op, "dilation", options.dilation ?? 1, dims, 1);
  const { before, after } = resolveConvPadding(op, options.padding ?? 0, kernel, dilation, stride);
  const outSize = inSize.map((n, i) => convOutputLength(n, kernel[i], stride[i], before[i], after[i], dilation[i]));
  if (outSize.some((n) => n < 1)) {
    const padded = inSize.map((n, i) => n + before[i] + after[i]);
    const extent = kernel.map((k, i) => dilation[i] * (k - 1) + 1);
    throw new ShapeError(
      `${op}: the input's spatial size ${fmtShape(inSize)} (padded: ${fmtShape(padded)}) is smaller than the kernel's extent ${fmtShape(extent)}` +
        (dilation.some((d) => d > 1) ? ` (kernel ${fmtShape(kernel)}, dilation ${fmtShape(dilation)})` : ""),
    );
  }
  return { inSize: [...inSize], outSize, kernel: [...kernel], stride, padding: before, dilation, groups: options.groups ?? 1 };
}

/** Check input [N, C, …] against weight [O, C/groups, …k] (and bias [O]) for an op over `dims` spatial dimensions. */
export function checkConvShapes(op: string, dims: number, x: readonly number[], weight: readonly number[], bias: readonly number[] | null, groups: number): void {
  if (weight.length !== dims + 2) {
    throw new ShapeError(`${op}: weight must have ${dims + 2} dimensions [outChannels, inChannels/groups, …kernel], got shape ${fmtShape(weight)}`);
  }
  if (x.length !== dims + 2) {
    throw new ShapeError(`${op}: input must have ${dims + 2} dimensions [batch, channels, …${dims} spatial] (or ${dims + 1} without the batch), got shape ${fmtShape(x)}`);
  }
  if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`${op}: groups must be a positive integer, got ${groups}`);
  if (weight[0] % groups !== 0) {
    throw new ShapeError(`${op}: the weight's ${weight[0]} output channels (shape ${fmtShape(weight)}) do not split into ${groups} groups`);
  }
  if (x[1] !== weight[1] * groups) {
    throw new ShapeError(
      `${op}: input of shape ${fmtShape(x)} has ${x[1]} channels, but weight of shape ${fmtShape(weight)} with groups = ${groups} ` +
        `expects ${weight[1] * groups} (weight.shape[1] × groups)`,
    );
  }
  if (bias && (bias.length !== 1 || bias[0] !== weight[0])) {
    throw new ShapeError(`${op}: bias must have shape [${weight[0]}] (one per output channel of weight ${fmtShape(weight)}), got ${fmtShape(bias)}`);
  }
}
