// Softmax and log-softmax of float32 arrays along one axis, x viewed as [outer, size, inner]. Each
// line of `size` values (stride `inner`) is done in three passes: m = its max, s = Σ exp(x − m)
// accumulated in f64, then softmax = exp(x − m)/s, or log-softmax = (x − m) − log s. x − m ≤ 0
// and log s ≥ 0, so the log-softmax subtraction never cancels and stays accurate in f32. A line
// of −∞ only (m = −∞) gives NaN, as in the reference.
import { arg } from "./jobs";
import { SoftmaxSlot } from "../layout/row-slots";
import { expV, logV } from "./math";
import { laneMax, laneSum, promoteHigh } from "./reduce-runs";

/** expV of one float, so that every element gets the same exponential. */
// @ts-ignore: decorator
@inline function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expV(f32x4.splat(x)), 0);
}

/**
 * Slots: log x out outer size inner itemsPerChunk. Item i is (o, tile) of outer × ⌈inner/4⌉: four
 * adjacent lines one per lane, else (a ragged tile, or inner = 1) one line at a time.
 */
export function softmaxChunk(args: usize, chunk: i32, worker: i32): void {
  const log = arg(args, SoftmaxSlot.Log) != 0, x = <usize>arg(args, SoftmaxSlot.X), out = <usize>arg(args, SoftmaxSlot.Out);
  const outer = arg(args, SoftmaxSlot.Outer), size = arg(args, SoftmaxSlot.Size), inner = arg(args, SoftmaxSlot.Inner), perChunk = arg(args, SoftmaxSlot.PerChunk);
  const tiles = (inner + 3) >> 2;
  const last = min((chunk + 1) * perChunk, outer * tiles);
  for (let item = chunk * perChunk; item < last; item++) {
    const o = item / tiles, j = (item % tiles) << 2;
    const offset = <usize>(o * size * inner + j) << 2;
    if (j + 4 <= inner) softmaxLanes(x + offset, out + offset, size, inner, log);
    else for (let c: usize = 0; c < <usize>(inner - j); c++) softmaxLine(x + offset + (c << 2), out + offset + (c << 2), size, inner, log);
  }
}

/** One line of n values `stride` floats apart: vectors along it when contiguous, the rest one at a time. */
function softmaxLine(x: usize, out: usize, n: i32, stride: i32, log: bool): void {
  const body = stride == 1 ? n & ~3 : 0;
  const tailX = x + (<usize>body << 2), tailOut = out + (<usize>body << 2);
  const tail = n - body;
  let mv = f32x4.splat(-Infinity);
  for (let i = 0; i < body; i += 4) mv = f32x4.max(mv, v128.load(x + (<usize>i << 2)));
  const m = maxStrided(tailX, tail, stride, laneMax(mv));
  const mm = f32x4.splat(m);
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  for (let i = 0; i < body; i += 4) {
    const at = <usize>i << 2;
    const e = expV(f32x4.sub(v128.load(x + at), mm));
    if (!log) v128.store(out + at, e);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(e));
    s1 = f64x2.add(s1, promoteHigh(e));
  }
  const sum = laneSum(f64x2.add(s0, s1)) + expSumStrided(tailX, tailOut, tail, stride, m, !log);
  const factor: f32 = log ? f32x4.extract_lane(logV(f32x4.splat(<f32>sum)), 0) : <f32>(1 / sum);
  const f = f32x4.splat(factor);
  for (let i = 0; i < body; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, log ? f32x4.sub(f32x4.sub(v128.load(x + at), mm), f) : f32x4.mul(v128.load(out + at), f));
  }
  finishStrided(tailX, tailOut, tail, stride, m, factor, log);
}

/** max(m, the n floats at p `stride` apart); NaN propagates. */
function maxStrided(p: usize, n: i32, stride: i32, m: f32): f32 {
  for (let i = 0; i < n; i++) m = Mathf.max(m, load<f32>(p + (<usize>(i * stride) << 2)));
  return m;
}

/** Σ exp(x − m) over the n floats at p `stride` apart, each exp also stored at q if `keep`. */
function expSumStrided(p: usize, q: usize, n: i32, stride: i32, m: f32, keep: bool): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const at = <usize>(i * stride) << 2;
    const e = expScalar(load<f32>(p + at) - m);
    if (keep) store<f32>(q + at, e);
    sum += e;
  }
  return sum;
}

/** The last pass over n values `stride` apart: q = (p − m) − factor (log-softmax), else q = q·factor. */
function finishStrided(p: usize, q: usize, n: i32, stride: i32, m: f32, factor: f32, log: bool): void {
  for (let i = 0; i < n; i++) {
    const at = <usize>(i * stride) << 2;
    store<f32>(q + at, log ? load<f32>(p + at) - m - factor : load<f32>(q + at) * factor);
  }
}

/** Four adjacent lines of n values `stride` floats apart, one per lane. */
function softmaxLanes(x: usize, out: usize, n: i32, stride: i32, log: bool): void {
  const step = <usize>stride << 2;
  let m = v128.load(x);
  for (let r = 1; r < n; r++) m = f32x4.max(m, v128.load(x + <usize>r * step));
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  for (let r = 0; r < n; r++) {
    const at = <usize>r * step;
    const e = expV(f32x4.sub(v128.load(x + at), m));
    if (!log) v128.store(out + at, e);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(e));
    s1 = f64x2.add(s1, promoteHigh(e));
  }
  const sums = v128.shuffle<f32>(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
  if (log) {
    const shift = logV(sums);
    for (let r = 0; r < n; r++) {
      const at = <usize>r * step;
      v128.store(out + at, f32x4.sub(f32x4.sub(v128.load(x + at), m), shift));
    }
  } else {
    const inv = f32x4.div(f32x4.splat(1), sums);
    for (let r = 0; r < n; r++) {
      const at = <usize>r * step;
      v128.store(out + at, f32x4.mul(v128.load(out + at), inv));
    }
  }
}
