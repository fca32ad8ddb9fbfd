// Reductions of one run of float32 values, shared by the reduction, softmax and batch-norm
// kernels. Sums widen every f32x4 into two f64x2 lanes and accumulate in double precision, as the
// reference backend does, so sums over long axes keep their accuracy; the widening costs little
// next to reading the memory.

/** Reduction codes, as numbered by the host (src/backend/wasm/reduce.ts). */
export const SUM: i32 = 0;
export const MAX: i32 = 1;
export const MIN: i32 = 2;
export const PROD: i32 = 3;

/** The reduction's starting value. */
// @ts-ignore: decorator
@inline export function identity(op: i32): f64 {
  return op == SUM ? 0 : op == PROD ? 1 : op == MAX ? -Infinity : Infinity;
}

/**
 * acc combined with v, as the reference does it: NaN sticks once seen, and for max/min the first
 * of two equal values stays (which only shows as the sign of a zero).
 */
// @ts-ignore: decorator
@inline export function combine(op: i32, acc: f64, v: f64): f64 {
  if (op == SUM) return acc + v;
  if (op == PROD) return acc * v;
  if (v != v) return v;
  return (op == MAX ? v > acc : v < acc) ? v : acc;
}

/** The upper two f32 lanes of v widened to f64x2. */
// @ts-ignore: decorator
@inline export function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/** f64x2 lanes added together. */
// @ts-ignore: decorator
@inline export function laneSum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** The largest f32 lane (NaN if any lane is NaN). */
// @ts-ignore: decorator
@inline export function laneMax(v: v128): f32 {
  v = f32x4.max(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.max(v, v128.shuffle<f32>(v, v, 1, 0, 3, 2)), 0);
}

/** Σ of n floats from p (stride 1), in double precision. */
export function sumRun(p: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = p + (<usize>i << 2);
    const v = v128.load(at);
    const w = v128.load(at, 16);
    a0 = f64x2.add(a0, f64x2.promote_low_f32x4(v));
    a1 = f64x2.add(a1, promoteHigh(v));
    a2 = f64x2.add(a2, f64x2.promote_low_f32x4(w));
    a3 = f64x2.add(a3, promoteHigh(w));
  }
  let total = laneSum(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)));
  for (; i < n; i++) total += <f64>load<f32>(p + (<usize>i << 2));
  return total;
}

/**
 * The max (or, if `lowest`, the min) of n floats from p (stride 1); NaN if any is NaN. The min is
 * taken as −max(−x), so one loop serves both.
 */
function extremeRun(p: usize, n: i32, lowest: bool): f64 {
  const flip = i32x4.splat(lowest ? i32.MIN_VALUE : 0);
  let m0 = f32x4.splat(-Infinity), m1 = f32x4.splat(-Infinity);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = p + (<usize>i << 2);
    m0 = f32x4.max(m0, v128.xor(v128.load(at), flip));
    m1 = f32x4.max(m1, v128.xor(v128.load(at, 16), flip));
  }
  let best = <f64>laneMax(f32x4.max(m0, m1));
  const sign: f64 = lowest ? -1 : 1;
  for (; i < n; i++) best = combine(MAX, best, sign * <f64>load<f32>(p + (<usize>i << 2)));
  return sign * best;
}

/** Any reduction of n floats from p, `stride` floats apart, one at a time. */
export function reduceStrided(op: i32, p: usize, n: i32, stride: i32): f64 {
  let acc = identity(op);
  for (let i = 0; i < n; i++) acc = combine(op, acc, <f64>load<f32>(p + (<usize>(i * stride) << 2)));
  return acc;
}

/** Any reduction of n floats from p (stride 1). */
export function reduceRun(op: i32, p: usize, n: i32): f64 {
  if (op == SUM) return sumRun(p, n);
  if (op == PROD) return reduceStrided(op, p, n, 1);
  return extremeRun(p, n, op == MIN);
}
