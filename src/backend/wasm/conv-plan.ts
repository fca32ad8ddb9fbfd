/**
 * How the wasm convolution jobs (assembly/conv.ts) are laid out: the geometry as i32 slots widened
 * to three spatial dimensions, the tile of output positions each im2col fills, and how the units
 * of work are grouped into chunks for the threads.
 */
import type { ConvGeometry } from "../kernels.js";
import { sizeOf } from "../../tensor/index.js";
import { split } from "./split.js";

/**
 * Column tiles hold about this many floats (256 KiB), so the tile im2col writes is still in L2
 * when the product reads it.
 */
const TILE_FLOATS = 1 << 16;
/** Below this many multiply-adds a call stays on one thread: waking the others costs more. */
const PARALLEL_MACS = 1 << 18;

/** The sizes of a convolution the host needs, widened to three spatial dimensions. */
export interface ConvPlan {
  /** The GEOMETRY_SLOTS geometry slots of layout/conv-slots.ts: in, out, kernel, stride, padding, dilation, each [d, h, w]. */
  readonly slots: number[];
  readonly inPlane: number;
  readonly outPlane: number;
  readonly taps: number;
}

export function convPlan(geometry: ConvGeometry): ConvPlan {
  const lead = 3 - geometry.kernel.length;
  const widen = (xs: readonly number[], value: number) => [...new Array<number>(lead).fill(value), ...xs];
  const fields = [
    widen(geometry.inSize, 1), widen(geometry.outSize, 1), widen(geometry.kernel, 1),
    widen(geometry.stride, 1), widen(geometry.padding, 0), widen(geometry.dilation, 1),
  ];
  // fields in GeometryField order (layout/conv-slots.ts)
  return { slots: fields.flat(), inPlane: sizeOf(geometry.inSize), outPlane: sizeOf(geometry.outSize), taps: sizeOf(geometry.kernel) };
}

/**
 * Output positions per column tile of a column matrix of `rows` rows: the matrix cut into equal
 * tiles of about TILE_FLOATS, but no narrower than `minWidth` (fewer tiles then, still equal),
 * each a multiple of 8 wide (whole register blocks) but the last.
 */
export function tileWidth(rows: number, outPlane: number, minWidth: number): number {
  const tiles = Math.min(Math.ceil((rows * outPlane) / TILE_FLOATS), Math.floor(outPlane / minWidth));
  if (tiles <= 1) return outPlane;
  return Math.min(outPlane, Math.ceil(outPlane / tiles / 8) * 8);
}

export function isParallel(threads: number, macs: number): boolean {
  return threads > 1 && macs >= PARALLEL_MACS;
}

/** Units of work per chunk: all of them in one chunk on one thread, else 8 chunks per thread (units are coarse). */
export function unitsPerChunk(units: number, threads: number, parallel: boolean): number {
  return split(units, threads, parallel, { perThread: 8 }).perChunk;
}
