// Vectorised float32 exp, log, log1p, expm1, tanh, sigmoid and softplus, four lanes at a time.
//
// The reference backend computes these in float64 (Math.*) and rounds to float32; these stay
// within a few ulp of that over the whole float range, special values included (±Infinity, NaN,
// −0, subnormal inputs and results). The polynomials are near-minimax (Chebyshev) fits of the
// remainder after the leading Taylor terms, made for this file; each names its interval.

// @ts-ignore: decorator
@inline function splat(c: f32): v128 {
  return f32x4.splat(c);
}

// @ts-ignore: decorator
@inline function mulAdd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** 2^n for integer lanes n in [−126, 127], built from the exponent bits. */
// @ts-ignore: decorator
@inline function pow2(n: v128): v128 {
  return i32x4.shl(i32x4.add(n, i32x4.splat(127)), 23);
}

const LOG2E: f32 = 1.44269504;
// ln 2 split so that n·LN2_HI is exact for the |n| < 2^15 used here (LN2_HI has 9 significant bits).
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const SIGN_BIT: i32 = <i32>0x80000000;
const MIN_NORMAL: f32 = 1.17549435e-38;
const SQRT_HALF_BITS: i32 = 0x3f3504f3;
const ROUNDING_SHIFT: f32 = 12582912;
const ROUNDING_SHIFT_BITS: i32 = 0x4b400000;

/**
 * eˣ: x = n·ln2 + r with |r| ≤ ln2/2, eʳ = 1 + r + r²·g(r) (g fitted on [−ln2/2, ln2/2], error
 * 6e-8 in g, so under 0.2 ulp in eʳ), times 2ⁿ applied in two halves so results that overflow
 * become Infinity and tiny ones round once into the subnormals.
 */
// @ts-ignore: decorator
@inline export function expV(x: v128): v128 {
  // Beyond these eˣ is Infinity or 0 in float32. pmin/pmax return their first operand when a
  // comparison is false, so NaN passes through (and they are single instructions, unlike min/max).
  x = f32x4.pmax(f32x4.pmin(x, splat(89)), splat(-110));
  // n = x·log2(e) rounded to nearest: adding 1.5·2²³ leaves the integer in the low mantissa bits.
  const shifted = f32x4.add(f32x4.mul(x, splat(LOG2E)), splat(ROUNDING_SHIFT));
  const n = f32x4.sub(shifted, splat(ROUNDING_SHIFT));
  const k = i32x4.sub(shifted, i32x4.splat(ROUNDING_SHIFT_BITS));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, splat(LN2_HI))), f32x4.mul(n, splat(LN2_LO)));
  let g = mulAdd(splat(0.0013926176), r, splat(0.008363173));
  g = mulAdd(g, r, splat(0.041666556));
  g = mulAdd(g, r, splat(0.16666578));
  g = mulAdd(g, r, splat(0.5));
  const p = f32x4.add(splat(1), f32x4.add(r, f32x4.mul(f32x4.mul(r, r), g)));
  const half = i32x4.shr_s(k, 1);
  return f32x4.mul(f32x4.mul(p, pow2(half)), pow2(i32x4.sub(k, half)));
}

/**
 * ln x: x = 2ᵉ·m with m in [√½, √2), ln m = f − f²/2 + f³·q(f) for f = m − 1 (q of degree 8
 * fitted on [√½ − 1, √2 − 1], error 3e-8 in q). Subnormal x is scaled by 2²³ first.
 */
// @ts-ignore: decorator
@inline export function logV(x: v128): v128 {
  const subnormal = f32x4.lt(x, splat(MIN_NORMAL));
  const scaled = v128.bitselect(f32x4.mul(x, splat(8388608)), x, subnormal);
  const shifted = i32x4.sub(scaled, i32x4.splat(SQRT_HALF_BITS));
  const e = i32x4.sub(i32x4.shr_s(shifted, 23), v128.and(subnormal, i32x4.splat(23)));
  const m = i32x4.add(v128.and(shifted, i32x4.splat(0x7fffff)), i32x4.splat(SQRT_HALF_BITS));
  const f = f32x4.sub(m, splat(1));
  let q = mulAdd(splat(0.06971612), f, splat(-0.11479734));
  q = mulAdd(q, f, splat(0.1168542));
  q = mulAdd(q, f, splat(-0.12425687));
  q = mulAdd(q, f, splat(0.14249058));
  q = mulAdd(q, f, splat(-0.16667803));
  q = mulAdd(q, f, splat(0.20000716));
  q = mulAdd(q, f, splat(-0.24999997));
  q = mulAdd(q, f, splat(0.3333333));
  const ef = f32x4.convert_i32x4_s(e);
  const f2 = f32x4.mul(f, f);
  // small terms first, the exact e·LN2_HI + f last
  const low = f32x4.sub(mulAdd(f32x4.mul(f2, f), q, f32x4.mul(ef, splat(LN2_LO))), f32x4.mul(f2, splat(0.5)));
  let result = f32x4.add(mulAdd(ef, splat(LN2_HI), f), low);
  result = v128.bitselect(splat(<f32>-Infinity), result, f32x4.eq(x, splat(0)));
  // negative or NaN → NaN (the comparison is false for NaN)
  result = v128.bitselect(result, splat(<f32>NaN), f32x4.ge(x, splat(0)));
  return v128.bitselect(x, result, f32x4.eq(x, splat(<f32>Infinity)));
}

/**
 * ln(1 + x) without losing small x: with u = 1 + x rounded, ln(u)·x/(u − 1) corrects for the
 * rounding (Goldberg's trick); where u rounds to 1 the answer is x itself.
 */
// @ts-ignore: decorator
@inline export function log1pV(x: v128): v128 {
  const u = f32x4.add(x, splat(1));
  const d = f32x4.sub(u, splat(1));
  let result = f32x4.mul(logV(u), f32x4.div(x, d));
  result = v128.bitselect(x, result, f32x4.eq(d, splat(0)));
  return v128.bitselect(x, result, f32x4.eq(x, splat(<f32>Infinity)));
}

/** eˣ − 1: for |x| < ½, x + x²/2 + x³·q(x) (q fitted on [−½, ½], error 5e-8); beyond, eˣ − 1. */
// @ts-ignore: decorator
@inline export function expm1V(x: v128): v128 {
  let q = mulAdd(splat(0.00019927582), x, splat(0.0013966609));
  q = mulAdd(q, x, splat(0.00833328));
  q = mulAdd(q, x, splat(0.04166618));
  q = mulAdd(q, x, splat(0.16666667));
  const x2 = f32x4.mul(x, x);
  const small = f32x4.add(x, f32x4.mul(x2, mulAdd(x, q, splat(0.5))));
  const large = f32x4.sub(expV(x), splat(1));
  const result = v128.bitselect(small, large, f32x4.lt(f32x4.abs(x), splat(0.5)));
  // keeps −0 as −0
  return v128.bitselect(x, result, f32x4.eq(x, splat(0)));
}

/**
 * tanh x, odd: for |x| < 0.55, a + a·z·q(z) with z = a² (q fitted on [0, 0.55²], error 1.3e-8);
 * beyond, 1 − 2/(e^{2a} + 1), which is ≥ ½ there so the subtraction loses nothing.
 */
// @ts-ignore: decorator
@inline export function tanhV(x: v128): v128 {
  const a = f32x4.abs(x);
  const z = f32x4.mul(a, a);
  let q = mulAdd(splat(-0.0066102277), z, splat(0.021309389));
  q = mulAdd(q, z, splat(-0.05390943));
  q = mulAdd(q, z, splat(0.13333113));
  q = mulAdd(q, z, splat(-0.3333333));
  const small = mulAdd(f32x4.mul(a, z), q, a);
  const large = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(expV(f32x4.add(a, a)), splat(1))));
  const magnitude = v128.bitselect(small, large, f32x4.lt(a, splat(0.55)));
  return v128.or(magnitude, v128.and(x, i32x4.splat(SIGN_BIT)));
}

/** 1/(1 + e⁻ˣ), as e/(1 + e) with e = e^{−|x|} for x < 0 so that neither side overflows. */
// @ts-ignore: decorator
@inline export function sigmoidV(x: v128): v128 {
  const e = expV(f32x4.neg(f32x4.abs(x)));
  const numerator = v128.bitselect(splat(1), e, f32x4.ge(x, splat(0)));
  return f32x4.div(numerator, f32x4.add(splat(1), e));
}

/** ln(1 + eˣ) = max(x, 0) + ln(1 + e^{−|x|}), which never overflows. */
// @ts-ignore: decorator
@inline export function softplusV(x: v128): v128 {
  return f32x4.add(f32x4.pmax(x, splat(0)), log1pV(expV(f32x4.neg(f32x4.abs(x)))));
}
