/**
 * Pooling geometry as PyTorch defines it: sizes given as one number or one per spatial dimension,
 * the output length (floor or ceil mode), the input's rank, and the sizes of adaptive pooling and
 * unpooling.
 */
import { fmtShape, ShapeError, type Shape } from "../tensor/shape.js";
import { perSpatialDim } from "./conv-geometry.js";

/** One number for every spatial dimension, or one per dimension. */
export type SizeArg = number | readonly number[];

/** Where pooling windows sit: shared by max, average, sum, Lp and stochastic pooling. */
export interface WindowOptions {
  /** Step between windows. Default: the kernel size (windows side by side). */
  stride?: SizeArg;
  /** Implicit padding on both sides (at most half the kernel, as PyTorch). Default 0. */
  padding?: SizeArg;
  /** Use ⌈⌉ instead of ⌊⌋ for the output size, adding a partial window at the end where one fits (see pooledLength). Default false. */
  ceilMode?: boolean;
}

/** The checked numbers of a pooling layer, one per spatial dimension. */
export interface PoolGeometry {
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  readonly ceilMode: boolean;
}

/** Check kernel and options for `dims` spatial dimensions (stride defaults to the kernel). */
export function poolGeometry(op: string, dims: number, kernel: SizeArg, options: WindowOptions & { dilation?: SizeArg } = {}): PoolGeometry {
  const k = perSpatialDim(op, "kernel size", kernel, dims, 1);
  const stride = options.stride === undefined ? k : perSpatialDim(op, "stride", options.stride, dims, 1);
  const padding = perSpatialDim(op, "padding", options.padding ?? 0, dims, 0);
  const dilation = perSpatialDim(op, "dilation", options.dilation ?? 1, dims, 1);
  padding.forEach((p, i) => {
    if (p > Math.floor(k[i] / 2)) {
      throw new RangeError(`${op}: padding must be at most half the kernel size, got padding ${JSON.stringify(options.padding)} for kernel ${fmtShape(k)}`);
    }
  });
  return { kernel: k, stride, padding, dilation, ceilMode: options.ceilMode ?? false };
}

/** The span a window covers: D·(F − 1) + 1. */
export function windowExtent(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * PyTorch's output length: (N + 2P − extent)/S + 1, rounded down, or up in ceil mode — where the
 * last window must then still start inside the input or its left padding, else it is dropped.
 */
export function pooledLength(size: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * padding - windowExtent(kernel, dilation);
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= size + padding) out--;
  return out;
}

const AXIS_NAMES: Record<number, readonly string[]> = { 1: ["L"], 2: ["H", "W"], 3: ["D", "H", "W"] };

/** The names of `dims` spatial axes (L; H, W; D, H, W), for messages. */
export function axisNames(dims: number): readonly string[] {
  return AXIS_NAMES[dims] ?? Array.from({ length: dims }, (_, i) => `S${i}`);
}

/**
 * The spatial sizes of an input to a pool over `dims` dimensions: it must be [N, C, …spatial] or,
 * unbatched, [C, …spatial].
 */
export function spatialSize(op: string, shape: Shape, dims: number): number[] {
  if (shape.length !== dims + 1 && shape.length !== dims + 2) {
    const axes = axisNames(dims).join(", ");
    throw new ShapeError(`${op}: input of shape ${fmtShape(shape)} must be [N, C, ${axes}] or [C, ${axes}] (${dims + 2} or ${dims + 1} dimensions)`);
  }
  return shape.slice(shape.length - dims);
}

/** The output's spatial size, refusing an input too small for even one window. */
export function pooledSize(op: string, geometry: PoolGeometry, inSize: readonly number[]): number[] {
  const { kernel, stride, padding, dilation, ceilMode } = geometry;
  const out = inSize.map((n, i) => pooledLength(n, kernel[i], stride[i], padding[i], dilation[i], ceilMode));
  if (out.some((n) => n < 1)) {
    const extent = kernel.map((k, i) => windowExtent(k, dilation[i]));
    throw new ShapeError(
      `${op}: the input's spatial size ${fmtShape(inSize)} with padding ${fmtShape(padding)} is smaller than the window ` +
        `${fmtShape(extent)}${dilation.some((d) => d > 1) ? ` (kernel ${fmtShape(kernel)}, dilation ${fmtShape(dilation)})` : ""}; the output would be ${fmtShape(out)}`,
    );
  }
  return out;
}

/** The output shape of a pool over an input of `inputShape` (batch and channels kept). */
export function pooledShape(op: string, geometry: PoolGeometry, inputShape: Shape): number[] {
  const dims = geometry.kernel.length;
  const inSize = spatialSize(op, inputShape, dims);
  return [...inputShape.slice(0, inputShape.length - dims), ...pooledSize(op, geometry, inSize)];
}

/** The spatial size an adaptive pool produces: `outputSize` (one for all, or per dimension; null keeps that input size). */
export function adaptiveSize(op: string, inSize: readonly number[], outputSize: number | readonly (number | null)[]): number[] {
  const dims = inSize.length;
  const given = typeof outputSize === "number" ? new Array<number>(dims).fill(outputSize) : outputSize;
  const out = given.map((o, i) => o ?? inSize[i]);
  if (out.length !== dims || out.some((o) => !Number.isInteger(o) || o < 1)) {
    throw new RangeError(`${op}: outputSize must be a positive integer or ${dims} of them (null keeps an input size), got ${JSON.stringify(outputSize)}`);
  }
  return out;
}

/**
 * The spatial size MaxUnpool restores: by default (N − 1)·S − 2P + F, the size the matching max
 * pool read; an explicit outputSize (its last `dims` entries are used, so a full shape works too)
 * must lie strictly within S of that, since only those sizes pool back to the input's.
 */
export function unpooledSize(op: string, geometry: PoolGeometry, inSize: readonly number[], outputSize?: readonly number[]): number[] {
  const { kernel, stride, padding } = geometry;
  const natural = inSize.map((n, i) => (n - 1) * stride[i] - 2 * padding[i] + kernel[i]);
  if (outputSize === undefined) return natural;
  const dims = inSize.length;
  if (outputSize.length < dims) {
    throw new RangeError(`${op}: outputSize must give at least the ${dims} spatial sizes, got ${fmtShape(outputSize)}`);
  }
  const wanted = outputSize.slice(outputSize.length - dims);
  wanted.forEach((size, i) => {
    if (!Number.isInteger(size) || size <= natural[i] - stride[i] || size >= natural[i] + stride[i]) {
      throw new RangeError(
        `${op}: outputSize ${fmtShape(outputSize)} is not reachable: along ${axisNames(dims)[i]} it must be strictly between ` +
          `${natural[i] - stride[i]} and ${natural[i] + stride[i]} (input ${inSize[i]}, kernel ${kernel[i]}, stride ${stride[i]}, padding ${padding[i]})`,
      );
    }
  });
  return wanted;
}
