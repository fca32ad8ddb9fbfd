// Reductions over axes (sum, max, min, prod) of float32 arrays. The host merges neighbouring
// axes into one of two layouts (see src/backend/wasm/reduce.ts):
//  - runs: x as [runs, k, runLength], each of the k slices reduced over axes 0 and 2: a sum of
//    everything (k = 1), over the last axes (runs = 1), or over (0, 2, 3) of [N, C, H, W];
//  - columns: x as [outer, reduced, inner] with inner > 1, reduced over the middle axis four
//    columns per vector, e.g. Σ over the batch of an [N, F] gradient.
// Results are computed in f64 (exact for max and min) and rounded to f32 once, as the reference
// does. One difference: f32x4.max/min order −0 below +0, so a max or min over a tie of zeros
// may come out with the other sign of zero than the reference's first-of-ties.
import { arg } from "./jobs";
import { ReduceColumnsSlot, ReduceRunsSlot } from "../layout/row-slots";
import { combine, identity, MAX, promoteHigh, PROD, reduceRun, reduceStrided, SUM } from "./reduce-runs";

export { argReduceChunk } from "./reduce-arg";

/**
 * Slots: layout/row-slots.ts (ReduceRunsSlot). Item i is slice i / parts, piece
 * i % parts: each slice's runs·runLength elements are cut into `parts` pieces, so that a few long
 * slices still spread over the threads. With one part an item writes its f32 result to
 * out[slice]; with more, its f64 partial to partials[i], which reduceFinish combines.
 */
export function reduceRunsChunk(args: usize, chunk: i32, worker: i32): void {
  const op = arg(args, ReduceRunsSlot.Op), x = <usize>arg(args, ReduceRunsSlot.X), k = arg(args, ReduceRunsSlot.K);
  const runs = arg(args, ReduceRunsSlot.Runs), runLength = arg(args, ReduceRunsSlot.RunLength), parts = arg(args, ReduceRunsSlot.Parts);
  const out = <usize>arg(args, ReduceRunsSlot.Out), partials = <usize>arg(args, ReduceRunsSlot.Partials), perChunk = arg(args, ReduceRunsSlot.PerChunk);
  const total = runs * runLength;
  const last = min((chunk + 1) * perChunk, k * parts);
  for (let item = chunk * perChunk; item < last; item++) {
    if (parts == 1) {
      store<f32>(out + (<usize>item << 2), <f32>reduceSlice(op, x, k, runLength, item, 0, total));
    } else {
      const slice = item / parts, part = item % parts;
      const from = <i32>((<i64>total * part) / parts), to = <i32>((<i64>total * (part + 1)) / parts);
      store<f64>(partials + (<usize>item << 3), reduceSlice(op, x, k, runLength, slice, from, to));
    }
  }
}

/** The reduction of elements from … to−1 of slice `slice` (of k) of x as [runs, k, runLength]. */
function reduceSlice(op: i32, x: usize, k: i32, runLength: i32, slice: i32, from: i32, to: i32): f64 {
  let acc = identity(op);
  let run = from / runLength, offset = from % runLength;
  for (let e = from; e < to; run++, offset = 0) {
    const n = min(runLength - offset, to - e);
    acc = combine(op, acc, reduceRun(op, x + (<usize>((run * k + slice) * runLength + offset) << 2), n));
    e += n;
  }
  return acc;
}

/** out[s] = the k slices' `parts` partials (f64, from reduceRunsChunk) combined, rounded to f32. */
export function reduceFinish(op: i32, partials: usize, k: i32, parts: i32, out: usize): void {
  for (let s = 0; s < k; s++) {
    let acc = identity(op);
    for (let p = 0; p < parts; p++) acc = combine(op, acc, load<f64>(partials + (<usize>(s * parts + p) << 3)));
    store<f32>(out + (<usize>s << 2), <f32>acc);
  }
}

/**
 * Slots: op x outer reduced inner out itemsPerChunk. Item i is (o, tile) of outer × ⌈inner/4⌉:
 * out[o, 4·tile … 4·tile+3] = the reduction over the middle axis, one vector at a time (a ragged
 * last tile, and products, go one column at a time).
 */
export function reduceColumnsChunk(args: usize, chunk: i32, worker: i32): void {
  const op = arg(args, ReduceColumnsSlot.Op), x = <usize>arg(args, ReduceColumnsSlot.X), outer = arg(args, ReduceColumnsSlot.Outer);
  const reduced = arg(args, ReduceColumnsSlot.Reduced), inner = arg(args, ReduceColumnsSlot.Inner);
  const out = <usize>arg(args, ReduceColumnsSlot.Out), perChunk = arg(args, ReduceColumnsSlot.PerChunk);
  const tiles = (inner + 3) >> 2;
  const last = min((chunk + 1) * perChunk, outer * tiles);
  for (let item = chunk * perChunk; item < last; item++) {
    const o = item / tiles, j = (item % tiles) << 2;
    const p = x + (<usize>(o * reduced * inner + j) << 2);
    const q = out + (<usize>(o * inner + j) << 2);
    if (j + 4 <= inner && op != PROD) {
      v128.store(q, op == SUM ? sumColumns4(p, reduced, inner) : extremeColumns4(p, reduced, inner, op == MAX));
    } else {
      for (let c = 0; c < min(4, inner - j); c++) {
        store<f32>(q + (<usize>c << 2), <f32>reduceStrided(op, p + (<usize>c << 2), reduced, inner));
      }
    }
  }
}

/** Σ over `rows` rows `stride` floats apart of the 4 floats at p, accumulated in f64. */
function sumColumns4(p: usize, rows: i32, stride: i32): v128 {
  const step = <usize>stride << 2;
  let lo0 = f64x2.splat(0), hi0 = f64x2.splat(0), lo1 = f64x2.splat(0), hi1 = f64x2.splat(0);
  let r = 0;
  // two rows per step, into separate accumulators, so consecutive adds do not wait on each other
  for (; r + 2 <= rows; r += 2, p += step << 1) {
    const v = v128.load(p), w = v128.load(p + step);
    lo0 = f64x2.add(lo0, f64x2.promote_low_f32x4(v));
    hi0 = f64x2.add(hi0, promoteHigh(v));
    lo1 = f64x2.add(lo1, f64x2.promote_low_f32x4(w));
    hi1 = f64x2.add(hi1, promoteHigh(w));
  }
  if (r < rows) {
    const v = v128.load(p);
    lo0 = f64x2.add(lo0, f64x2.promote_low_f32x4(v));
    hi0 = f64x2.add(hi0, promoteHigh(v));
  }
  const lo = f32x4.demote_f64x2_zero(f64x2.add(lo0, lo1));
  const hi = f32x4.demote_f64x2_zero(f64x2.add(hi0, hi1));
  return v128.shuffle<f32>(lo, hi, 0, 1, 4, 5);
}

/** The max (or min) over `rows` rows `stride` floats apart of the 4 floats at p; NaN propagates. */
function extremeColumns4(p: usize, rows: i32, stride: i32, highest: bool): v128 {
  const step = <usize>stride << 2;
  let m = v128.load(p);
  if (highest) for (let r = 1; r < rows; r++) m = f32x4.max(m, v128.load(p + <usize>r * step));
  else for (let r = 1; r < rows; r++) m = f32x4.min(m, v128.load(p + <usize>r * step));
  return m;
}
