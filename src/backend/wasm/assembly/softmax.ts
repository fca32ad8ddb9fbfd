// Softmax and log-softmax of float32 arrays along one axis, x viewed as [outer, size, inner]. Each
// line of `size` values (stride `inner`) is done in three passes: m = its max, s = Σ exp(x − m)
// accumulated in f64, then softmax = exp(x − m)/s, or log-softmax = (x − m) − log s. x − m ≤ 0
// and log s ≥ 0, so the log-softmax subtraction never cancels and stays accurate in f32. A line
// of −∞ only (m = −∞) gives NaN, as in the reference.
import { arg } from "./jobs";
import { laneMax, laneSum, promoteHigh } from "./reduce-runs";

const LOG2E: f32 = 1.4426950408889634;
// ln 2 split in two: LN2_HI has few significant bits, so n·LN2_HI is exact for the n used here
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.1219444005469057e-4;
/** ln of the smallest normal float: below it exp is flushed to 0. */
const UNDERFLOW: f32 = -87.33654;

/**
 * eˣ for lanes x ≤ 0 (NaN stays NaN), within a few ulp: x = n·ln 2 + r with |r| ≤ ln 2 / 2, eʳ by
 * its Taylor series to r⁷ (the next term is below 2⁻²⁴ relative), times 2ⁿ built in the exponent
 * bits. Results that would be subnormal are 0.
 */
// @ts-ignore: decorator
@inline function expNonPositive(x: v128): v128 {
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(<f32>(1.0 / 5040));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 720)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 120)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 24)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 6)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1));
  const twoToN = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(p, twoToN), f32x4.lt(x, f32x4.splat(UNDERFLOW)));
}

/**
 * ln x for a sum of exponentials, which is NaN or at least 1 (the max contributes e⁰). (Math.log
 * of AssemblyScript reads lookup tables from static data, which this module must not have.) With
 * x = m·2ᵉ, m in [√½, √2): ln m = 2·atanh(t), t = (m − 1)/(m + 1), |t| < 0.172, by its series to
 * t¹⁷ (the next term is below 10⁻¹⁵ relative).
 */
function logOfSum(x: f64): f64 {
  if (x != x) return x;
  const bits = reinterpret<u64>(x);
  let e = <i32>(bits >> 52) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > Math.SQRT2) {
    m *= 0.5;
    e++;
  }
  const t = (m - 1) / (m + 1), t2 = t * t;
  let series = 2.0 / 17;
  for (let k = 15; k >= 1; k -= 2) series = series * t2 + 2.0 / k;
  return e * Math.LN2 + t * series;
}

/** expNonPositive of one float. */
// @ts-ignore: decorator
@inline function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expNonPositive(f32x4.splat(x)), 0);
}

/**
 * Slots: log x out outer size inner itemsPerChunk. Item i is (o, tile) of outer × ⌈inner/4⌉: four
 * adjacent lines one per lane, else (a ragged tile, or inner = 1) one line at a time.
 */
export function softmaxChunk(args: usize, chunk: i32, worker: i32): void {
  const log = arg(args, 0) != 0, x = <usize>arg(args, 1), out = <usize>arg(args, 2);
  const outer = arg(args, 3), size = arg(args, 4), inner = arg(args, 5), perChunk = arg(args, 6);
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
    const e = expNonPositive(f32x4.sub(v128.load(x + at), mm));
    if (!log) v128.store(out + at, e);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(e));
    s1 = f64x2.add(s1, promoteHigh(e));
  }
  const sum = laneSum(f64x2.add(s0, s1)) + expSumStrided(tailX, tailOut, tail, stride, m, !log);
  const factor: f32 = log ? <f32>logOfSum(sum) : <f32>(1 / sum);
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
    const e = expNonPositive(f32x4.sub(v128.load(x + at), m));
    if (!log) v128.store(out + at, e);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(e));
    s1 = f64x2.add(s1, promoteHigh(e));
  }
  if (log) {
    let shift = f32x4.splat(<f32>logOfSum(f64x2.extract_lane(s0, 0)));
    shift = f32x4.replace_lane(shift, 1, <f32>logOfSum(f64x2.extract_lane(s0, 1)));
    shift = f32x4.replace_lane(shift, 2, <f32>logOfSum(f64x2.extract_lane(s1, 0)));
    shift = f32x4.replace_lane(shift, 3, <f32>logOfSum(f64x2.extract_lane(s1, 1)));
    for (let r = 0; r < n; r++) {
      const at = <usize>r * step;
      v128.store(out + at, f32x4.sub(f32x4.sub(v128.load(x + at), m), shift));
    }
  } else {
    const one = f64x2.splat(1);
    const lo = f32x4.demote_f64x2_zero(f64x2.div(one, s0)), hi = f32x4.demote_f64x2_zero(f64x2.div(one, s1));
    const inv = v128.shuffle<f32>(lo, hi, 0, 1, 4, 5);
    for (let r = 0; r < n; r++) {
      const at = <usize>r * step;
      v128.store(out + at, f32x4.mul(v128.load(out + at), inv));
    }
  }
}
