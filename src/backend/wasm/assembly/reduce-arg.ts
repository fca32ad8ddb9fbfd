// argmax and argmin of float32 arrays along one axis, as the reference: the first index of the
// best value, and the first NaN if there is one (NaN wins, as in PyTorch). argmin is argmax of
// −x: flipping the sign bit is exact and keeps NaN a NaN, so one set of loops serves both.
import { arg } from "./jobs";
import { ArgReduceSlot } from "../layout/row-slots";

/**
 * Slots: lowest x outer reduced inner out itemsPerChunk, x viewed as [outer, reduced, inner] and
 * out (int32) as [outer, inner]. Item i is (o, tile) of outer × ⌈inner/4⌉: four columns per
 * vector, or with inner = 1 one whole row.
 */
export function argReduceChunk(args: usize, chunk: i32, worker: i32): void {
  const flip = i32x4.splat(arg(args, ArgReduceSlot.Min) != 0 ? i32.MIN_VALUE : 0);
  const x = <usize>arg(args, ArgReduceSlot.X), outer = arg(args, ArgReduceSlot.Outer);
  const reduced = arg(args, ArgReduceSlot.Reduced), inner = arg(args, ArgReduceSlot.Inner);
  const out = <usize>arg(args, ArgReduceSlot.Out), perChunk = arg(args, ArgReduceSlot.PerChunk);
  const tiles = (inner + 3) >> 2;
  const last = min((chunk + 1) * perChunk, outer * tiles);
  for (let item = chunk * perChunk; item < last; item++) {
    const o = item / tiles, j = (item % tiles) << 2;
    const p = x + (<usize>(o * reduced * inner + j) << 2);
    const q = out + (<usize>(o * inner + j) << 2);
    if (inner == 1) store<i32>(q, argRow(p, reduced, flip));
    else if (j + 4 <= inner) v128.store(q, argColumns4(p, reduced, inner, flip));
    else for (let c = 0; c < inner - j; c++) store<i32>(q + (<usize>c << 2), argStrided(p + (<usize>c << 2), reduced, inner, flip));
  }
}

/**
 * Of indices `at` and i into the floats at p (times `sign`), the one the reference scan would
 * keep: the first NaN, else the larger, else the earlier.
 */
// @ts-ignore: decorator
@inline function earliestBest(p: usize, sign: f32, at: i32, i: i32): i32 {
  const best = sign * load<f32>(p + (<usize>at << 2)), v = sign * load<f32>(p + (<usize>i << 2));
  const wins = best != best ? v != v && i < at : v != v || v > best || (v == best && i < at);
  return wins ? i : at;
}

/** The lanes of v for which `best` takes v: larger or NaN, unless best is already NaN (it stays). */
// @ts-ignore: decorator
@inline function takes(v: v128, best: v128): v128 {
  return v128.and(v128.or(f32x4.gt(v, best), f32x4.ne(v, v)), f32x4.eq(best, best));
}

/** Index of the best of n floats from p, `stride` floats apart, one at a time (as the reference loop). */
function argStrided(p: usize, n: i32, stride: i32, flip: v128): i32 {
  const sign: f32 = i32x4.extract_lane(flip, 0) != 0 ? -1 : 1;
  let best = sign * load<f32>(p);
  let at = 0;
  for (let r = 1; r < n && best == best; r++) {
    const v = sign * load<f32>(p + (<usize>(r * stride) << 2));
    if (v > best || v != v) {
      best = v;
      at = r;
    }
  }
  return at;
}

/** Index of the best of n contiguous floats: each lane keeps its own best, then the lanes and the tail are merged. */
function argRow(p: usize, n: i32, flip: v128): i32 {
  if (n < 8) return argStrided(p, n, 1, flip);
  let best = v128.xor(v128.load(p), flip);
  let index = i32x4(0, 1, 2, 3);
  let position = index;
  const four = i32x4.splat(4);
  let i = 4;
  for (; i + 4 <= n; i += 4) {
    position = i32x4.add(position, four);
    const v = v128.xor(v128.load(p + (<usize>i << 2)), flip);
    const take = takes(v, best);
    best = v128.bitselect(v, best, take);
    index = v128.bitselect(position, index, take);
  }
  const sign: f32 = i32x4.extract_lane(flip, 0) != 0 ? -1 : 1;
  let at = i32x4.extract_lane(index, 0);
  at = earliestBest(p, sign, at, i32x4.extract_lane(index, 1));
  at = earliestBest(p, sign, at, i32x4.extract_lane(index, 2));
  at = earliestBest(p, sign, at, i32x4.extract_lane(index, 3));
  for (; i < n; i++) at = earliestBest(p, sign, at, i);
  return at;
}

/** Indices (i32x4) of the best of n rows `stride` floats apart, for the 4 adjacent columns at p. */
function argColumns4(p: usize, n: i32, stride: i32, flip: v128): v128 {
  let best = v128.xor(v128.load(p), flip);
  let index = i32x4.splat(0);
  for (let r = 1; r < n; r++) {
    const v = v128.xor(v128.load(p + (<usize>(r * stride) << 2)), flip);
    const take = takes(v, best);
    best = v128.bitselect(v, best, take);
    index = v128.bitselect(i32x4.splat(r), index, take);
  }
  return index;
}
