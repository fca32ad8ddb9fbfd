/**
 * The pooling kernels' shared lookup table: for every output position of one plane, the flat
 * input offsets its window reads. Built once per call from the per-axis plan (a few hundred entries
 * for LeNet's pools) and reused for every plane, so the hot loops are plain indexed reads.
 */
import type { PoolAxis } from "../kernels.js";

export interface WindowTable {
  /** Window o reads offsets[start[o]] … offsets[start[o + 1] − 1]; length outPlane + 1. */
  readonly start: Int32Array;
  /** Flat offsets within an input plane, each window's in row-major order of its taps. */
  readonly offsets: Int32Array;
  /** Elements of one input plane (the product of the axes' inSize). */
  readonly inPlane: number;
  /** Windows per plane (the product of the axes' output lengths). */
  readonly outPlane: number;
}

/**
 * The outer product of the axes' window lists, outermost axis first, so windows come in row-major
 * output order and each window's taps in row-major input order (which makes "first of ties" agree
 * with PyTorch's scan).
 */
export function windowTable(axes: readonly PoolAxis[]): WindowTable {
  let start = Int32Array.of(0, 1);
  let offsets = Int32Array.of(0);
  let inPlane = 1;
  for (let a = axes.length - 1; a >= 0; a--) inPlane *= axes[a].inSize;
  let stride = inPlane;
  for (const axis of axes) {
    stride /= axis.inSize;
    const outLen = axis.first.length;
    let axisTaps = 0;
    for (let o = 0; o < outLen; o++) axisTaps += axis.count[o];
    const windows = start.length - 1;
    const nextStart = new Int32Array(windows * outLen + 1);
    const nextOffsets = new Int32Array(offsets.length * axisTaps);
    let w = 0;
    let t = 0;
    for (let prev = 0; prev < windows; prev++) {
      for (let o = 0; o < outLen; o++) {
        const first = axis.first[o];
        const count = axis.count[o];
        for (let p = start[prev]; p < start[prev + 1]; p++) {
          for (let j = 0; j < count; j++) nextOffsets[t++] = offsets[p] + (first + j * axis.step) * stride;
        }
        nextStart[++w] = t;
      }
    }
    start = nextStart;
    offsets = nextOffsets;
  }
  return { start, offsets, inPlane, outPlane: start.length - 1 };
}
