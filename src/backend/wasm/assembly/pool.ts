// Max and sum pooling over the last two axes of a stack of planes (a 1-D pool comes as 2-D with one
// row), and the sum's adjoint. The windows are described by a plan block of i32 slots that the
// host writes (src/backend/wasm/pool-plan.ts, which owns the slot numbers below):
//   row windows: output row oy reads input rows rowFirst[oy] + i·rowStep, i < rowCount[oy];
//   column windows likewise; window (oy, ox) is their product, its taps scanned row by row.
// Columns vecFrom … vecTo−1 are full windows (same width) starting `vecStride` (1 or 2) apart:
// there, four neighbouring outputs are computed at once, one f32x4 lane each; elsewhere (clipped
// windows at the edges, other strides) one window at a time.
import { arg } from "./jobs";
import { PoolSlot } from "../layout/pool-slots";

const IN_H = 0, IN_W = 1, OUT_H = 2, OUT_W = 3;
const ROW_FIRST = 4, ROW_COUNT = 5, ROW_STEP = 6;
const COL_FIRST = 7, COL_COUNT = 8, COL_STEP = 9;
const VEC_FROM = 10, VEC_TO = 11, VEC_STRIDE = 12;

// @ts-ignore: decorator
@inline function at(table: usize, i: i32): i32 {
  return load<i32>(table + <usize>(i << 2));
}

/** Four taps, one per lane: the floats at p, p + stride, p + 2·stride, p + 3·stride (stride 1 or 2). */
// @ts-ignore: decorator
@inline function loadLanes(p: usize, stride: i32): v128 {
  // For stride 2 this reads one float past the last lane: the host pads the input for it.
  return stride == 1 ? v128.load(p) : f32x4.shuffle(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
}

/**
 * The maxima over `rows` × `cols` taps of four windows `stride` apart, the first lane's first tap
 * at flat plane index `first`, stored at out / idx. Scanned row by row, a later tap wins if
 * greater or NaN: so NaN propagates, and of ties the first is kept, as the reference.
 */
// @ts-ignore: decorator
@inline function maxLanes(x: usize, first: i32, rows: i32, rowStride: i32, cols: i32, colStep: i32, stride: i32, out: usize, idx: usize): void {
  const lanes = stride == 1 ? i32x4(0, 1, 2, 3) : i32x4(0, 2, 4, 6);
  let best = loadLanes(x + <usize>(first << 2), stride);
  let where = i32x4.add(i32x4.splat(first), lanes);
  for (let i = 0; i < rows; i++) {
    const row = first + i * rowStride;
    for (let j = i == 0 ? 1 : 0; j < cols; j++) {
      const tap = row + j * colStep;
      const v = loadLanes(x + <usize>(tap << 2), stride);
      const wins = v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
      best = v128.bitselect(v, best, wins);
      where = v128.bitselect(i32x4.add(i32x4.splat(tap), lanes), where, wins);
    }
  }
  v128.store(out, best);
  v128.store(idx, where);
}

/** maxLanes for one window (a window with no taps gives −∞ at index −1). */
// @ts-ignore: decorator
@inline function maxWindow(x: usize, first: i32, rows: i32, rowStride: i32, cols: i32, colStep: i32, out: usize, idx: usize): void {
  let best: f32 = -Infinity;
  let where = -1;
  if (rows > 0 && cols > 0) {
    best = load<f32>(x + <usize>(first << 2));
    where = first;
    for (let i = 0; i < rows; i++) {
      const row = first + i * rowStride;
      for (let j = i == 0 ? 1 : 0; j < cols; j++) {
        const tap = row + j * colStep;
        const v = load<f32>(x + <usize>(tap << 2));
        // selects, not a branch: which tap wins is unpredictable
        const wins = v > best || v != v;
        best = select(v, best, wins);
        where = select(tap, where, wins);
      }
    }
  }
  store<f32>(out, best);
  store<i32>(idx, where);
}

/** The sum of `rows` × `cols` taps for four windows `stride` apart, in f64 from 0, rounded once (as the reference). */
// @ts-ignore: decorator
@inline function sumLanes(x: usize, first: i32, rows: i32, rowStride: i32, cols: i32, colStep: i32, stride: i32, out: usize): void {
  let lo = f64x2.splat(0), hi = f64x2.splat(0);
  for (let i = 0; i < rows; i++) {
    const row = first + i * rowStride;
    for (let j = 0; j < cols; j++) {
      const v = loadLanes(x + <usize>((row + j * colStep) << 2), stride);
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 2, 3)));
    }
  }
  v128.store(out, f32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
}

/** sumLanes for one window. */
// @ts-ignore: decorator
@inline function sumWindow(x: usize, first: i32, rows: i32, rowStride: i32, cols: i32, colStep: i32, out: usize): void {
  let s: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = first + i * rowStride;
    for (let j = 0; j < cols; j++) s += <f64>load<f32>(x + <usize>((row + j * colStep) << 2));
  }
  store<f32>(out, <f32>s);
}

/** One window's maximum (and where it is) or sum: maxWindow or sumWindow. */
// @ts-ignore: decorator
@inline function window(max: bool, x: usize, first: i32, rows: i32, rowStride: i32, cols: i32, colStep: i32, out: usize, idx: usize): void {
  if (max) maxWindow(x, first, rows, rowStride, cols, colStep, out, idx);
  else sumWindow(x, first, rows, rowStride, cols, colStep, out);
}

/** Four windows' maxima or sums, each stride a separate call so that its inlined copy has it as a constant. */
// @ts-ignore: decorator
@inline function fourWindows(max: bool, x: usize, first: i32, rows: i32, rowStride: i32, cols: i32, colStep: i32, stride: i32, out: usize, idx: usize): void {
  if (max) {
    if (stride == 1) maxLanes(x, first, rows, rowStride, cols, colStep, 1, out, idx);
    else maxLanes(x, first, rows, rowStride, cols, colStep, 2, out, idx);
  } else {
    if (stride == 1) sumLanes(x, first, rows, rowStride, cols, colStep, 1, out);
    else sumLanes(x, first, rows, rowStride, cols, colStep, 2, out);
  }
}

/**
 * The maximum of each window of one plane and its flat index in the plane (max), or the sum of
 * each window (!max: idx unused). Row by row: the windows outside the vector run one at a time,
 * then the run four at a time, its last group overlapping the one before if the run is not a
 * multiple of 4 (recomputing a window is harmless).
 */
// @ts-ignore: decorator
@inline function poolPlane(max: bool, plan: usize, x: usize, out: usize, idx: usize): void {
  const w = arg(plan, IN_W), oh = arg(plan, OUT_H), ow = arg(plan, OUT_W);
  const rowFirst = <usize>arg(plan, ROW_FIRST), rowCount = <usize>arg(plan, ROW_COUNT), rowStride = arg(plan, ROW_STEP) * w;
  const colFirst = <usize>arg(plan, COL_FIRST), colCount = <usize>arg(plan, COL_COUNT), colStep = arg(plan, COL_STEP);
  const vecFrom = arg(plan, VEC_FROM), vecTo = arg(plan, VEC_TO), stride = arg(plan, VEC_STRIDE);
  for (let oy = 0; oy < oh; oy++) {
    const base = at(rowFirst, oy) * w, rows = at(rowCount, oy);
    const o = out + <usize>((oy * ow) << 2), oi = idx + <usize>((oy * ow) << 2);
    // (windows without rows are left to window(): −∞ at −1 for the max)
    const vectors = vecTo - vecFrom >= 4 && rows > 0;
    for (let ox = 0; ox < ow; ox++) {
      if (vectors && ox == vecFrom) ox = vecTo;
      if (ox == ow) break;
      window(max, x, base + at(colFirst, ox), rows, rowStride, at(colCount, ox), colStep, o + <usize>(ox << 2), oi + <usize>(ox << 2));
    }
    if (!vectors) continue;
    const cols = at(colCount, vecFrom);
    for (let g = vecFrom; ; g += 4) {
      const ox = min(g, vecTo - 4);
      fourWindows(max, x, base + at(colFirst, ox), rows, rowStride, cols, colStep, stride, o + <usize>(ox << 2), oi + <usize>(ox << 2));
      if (ox == vecTo - 4) break;
    }
  }
}

/**
 * The adjoint of the window sums of one plane: the plane `out` zeroed, then each element of g
 * added to every tap of its window, windows and taps in the reference's order (so the f32 sums
 * round alike).
 */
function poolSumGradPlane(plan: usize, g: usize, out: usize): void {
  const h = arg(plan, IN_H), w = arg(plan, IN_W), oh = arg(plan, OUT_H), ow = arg(plan, OUT_W);
  const rowFirst = <usize>arg(plan, ROW_FIRST), rowCount = <usize>arg(plan, ROW_COUNT), rowStep = arg(plan, ROW_STEP);
  const colFirst = <usize>arg(plan, COL_FIRST), colCount = <usize>arg(plan, COL_COUNT), colStep = arg(plan, COL_STEP);
  memory.fill(out, 0, <usize>((h * w) << 2));
  for (let oy = 0; oy < oh; oy++) {
    const r0 = at(rowFirst, oy), rows = at(rowCount, oy);
    for (let ox = 0; ox < ow; ox++) {
      const v = load<f32>(g + <usize>((oy * ow + ox) << 2));
      const c0 = at(colFirst, ox), cols = at(colCount, ox);
      for (let i = 0; i < rows; i++) {
        const row = out + <usize>(((r0 + i * rowStep) * w + c0) << 2);
        for (let j = 0; j < cols; j++) {
          const p = row + <usize>((j * colStep) << 2);
          store<f32>(p, load<f32>(p) + v);
        }
      }
    }
  }
}

// The jobs. Every pooling job's slots start with planes, chunks; chunk c takes its share of the
// planes. Here the slots go on with plan, source, destination and (poolMax) destination indices.

/** The first plane of chunk `chunk` of a pooling job (slots 0 and 1: planes, chunks). */
// @ts-ignore: decorator
@inline export function firstPlane(args: usize, chunk: i32): i32 {
  return <i32>((<i64>chunk * arg(args, PoolSlot.Planes)) / arg(args, PoolSlot.Chunks));
}

/** The max (with its indices) or the sum of the windows of this chunk's planes. */
// @ts-ignore: decorator
@inline function poolChunk(max: bool, args: usize, chunk: i32): void {
  const plan = <usize>arg(args, PoolSlot.Plan);
  const inPlane = arg(plan, IN_H) * arg(plan, IN_W), outPlane = arg(plan, OUT_H) * arg(plan, OUT_W);
  for (let p = firstPlane(args, chunk), end = firstPlane(args, chunk + 1); p < end; p++) {
    const outOffset = <usize>((p * outPlane) << 2);
    const idx = max ? <usize>arg(args, PoolSlot.Indices) + outOffset : 0;
    poolPlane(max, plan, <usize>arg(args, PoolSlot.Source) + <usize>((p * inPlane) << 2), <usize>arg(args, PoolSlot.Destination) + outOffset, idx);
  }
}

export function poolMaxChunk(args: usize, chunk: i32, worker: i32): void {
  poolChunk(true, args, chunk);
}

export function poolSumChunk(args: usize, chunk: i32, worker: i32): void {
  poolChunk(false, args, chunk);
}

export function poolSumGradChunk(args: usize, chunk: i32, worker: i32): void {
  const plan = <usize>arg(args, PoolSlot.Plan);
  const inPlane = arg(plan, IN_H) * arg(plan, IN_W), outPlane = arg(plan, OUT_H) * arg(plan, OUT_W);
  for (let p = firstPlane(args, chunk), end = firstPlane(args, chunk + 1); p < end; p++) {
    poolSumGradPlane(plan, <usize>arg(args, PoolSlot.Source) + <usize>((p * outPlane) << 2), <usize>arg(args, PoolSlot.Destination) + <usize>((p * inPlane) << 2));
  }
}
