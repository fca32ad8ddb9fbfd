/**
 * A pooling plan (one PoolAxis per pooled axis) as the wasm pooling kernels read it: a block of
 * i32 slots in kernel memory describing the windows of one 2-D plane (assembly/pool.ts reads the
 * slots by these numbers). A 1-D plan becomes 2-D with a single row; 3-D plans stay on the
 * reference kernels.
 */
import type { PoolAxis } from "../kernels.js";
import type { Heap } from "./heap.js";

const SLOTS = 13;

/** A plan over one 2-D plane: [rows, columns]. */
export type PlaneAxes = readonly [PoolAxis, PoolAxis];

/** The axes as [rows, columns], or null if the wasm kernels do not take this many axes. */
export function planeAxes(axes: readonly PoolAxis[]): PlaneAxes | null {
  if (axes.length === 2) return [axes[0], axes[1]];
  if (axes.length === 1) return [{ inSize: 1, first: Int32Array.of(0), count: Int32Array.of(1), step: 1 }, axes[0]];
  return null;
}

/**
 * The longest run of output columns whose windows are all full (the widest count) and start 1 or
 * 2 apart, which the kernels compute four at a time with SIMD; an empty run if there is none.
 * Padding and ceil mode only clip windows at the edges, so the run is usually all but those.
 */
export function vectorRun({ first, count }: PoolAxis): { from: number; to: number; stride: number } {
  const n = first.length;
  const width = count.reduce((a, b) => Math.max(a, b), 0);
  const from = count.indexOf(width);
  const stride = n > from + 1 ? first[from + 1] - first[from] : 0;
  if (width === 0 || (stride !== 1 && stride !== 2)) return { from: 0, to: 0, stride: 1 };
  let to = from + 1;
  while (to < n && count[to] === width && first[to] - first[from] === (to - from) * stride) to++;
  return { from, to, stride };
}

/** Write the plan block and its window tables into `heap` (inside a scoped call); returns its byte offset. */
export function writePlan(heap: Heap, [rows, cols]: PlaneAxes): number {
  const rowFirst = heap.put(rows.first);
  const rowCount = heap.put(rows.count);
  const colFirst = heap.put(cols.first);
  const colCount = heap.put(cols.count);
  const run = vectorRun(cols);
  const plan = heap.alloc(SLOTS * 4);
  heap.i32.set([
    rows.inSize, cols.inSize, rows.first.length, cols.first.length,
    rowFirst, rowCount, rows.step,
    colFirst, colCount, cols.step,
    run.from, run.to, run.stride,
  ], plan >>> 2);
  return plan;
}
