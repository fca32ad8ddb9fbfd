// C += A·Bᵀ where A [m×k] and B [n×k] both run along k in memory: the weight gradient's product
// gOut[n, g] · cols(x[n, g])ᵀ, which reduces over output positions. Every entry of C is a dot
// product of two contiguous rows, so blocks of 2×4 of them are summed in SIMD lanes straight from
// the operands, with no packing. The packed GEMM would have to transpose both operands for this
// product: on LeNet-5's and CIFAR's layers this ran 2–3× faster, on VGG's about 1.2×.
// Rows are `lda`/`ldb` floats apart; C's rows `ldc`.

/** Bytes of B's rows kept in L1 at a time (half of Zen 4's 32 KiB L1d). */
const B_BLOCK_BYTES: i32 = 16384;

export function gemmNT(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  // B is taken a block of rows at a time, small enough to stay in L1 while every pair of A's rows
  // passes over it: A then streams once per block instead of B once per pair.
  const block = max(4, (B_BLOCK_BYTES / (k << 2)) & ~3);
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = min(n, j0 + block);
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      const a0 = a + <usize>((i * lda) << 2);
      const c0 = c + <usize>((i * ldc) << 2);
      let j = j0;
      for (; j + 4 <= j1; j += 4) dot2x4(k, a0, lda, b + <usize>((j * ldb) << 2), ldb, c0 + <usize>(j << 2), ldc);
      for (; j < j1; j++) {
        const bj = b + <usize>((j * ldb) << 2);
        addTo(c0 + <usize>(j << 2), dot(k, a0, bj));
        addTo(c0 + <usize>((ldc + j) << 2), dot(k, a0 + <usize>(lda << 2), bj));
      }
    }
    if (i < m) {
      const ai = a + <usize>((i * lda) << 2);
      const ci = c + <usize>((i * ldc) << 2);
      for (let j = j0; j < j1; j++) addTo(ci + <usize>(j << 2), dot(k, ai, b + <usize>((j * ldb) << 2)));
    }
  }
}

// @ts-ignore: decorator
@inline function addTo(at: usize, value: f32): void {
  store<f32>(at, load<f32>(at) + value);
}

// @ts-ignore: decorator
@inline function lanes(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * The dot product of two k-float rows, in four independent sums so the adds overlap (a single row
 * of A, as a batch-1 linear layer has, takes this path for all of C).
 */
function dot(k: i32, a: usize, b: usize): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let p = 0;
  for (; p + 16 <= k; p += 16) {
    const at = <usize>(p << 2);
    s0 = f32x4.add(s0, f32x4.mul(v128.load(a + at), v128.load(b + at)));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(a + at, 16), v128.load(b + at, 16)));
    s2 = f32x4.add(s2, f32x4.mul(v128.load(a + at, 32), v128.load(b + at, 32)));
    s3 = f32x4.add(s3, f32x4.mul(v128.load(a + at, 48), v128.load(b + at, 48)));
  }
  for (; p + 4 <= k; p += 4) s0 = f32x4.add(s0, f32x4.mul(v128.load(a + <usize>(p << 2)), v128.load(b + <usize>(p << 2))));
  let sum = lanes(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)));
  for (; p < k; p++) sum += load<f32>(a + <usize>(p << 2)) * load<f32>(b + <usize>(p << 2));
  return sum;
}

/** C[0..2][0..4] += the dot products of A's rows 0, 1 with B's rows 0 … 3. */
function dot2x4(k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  const a1 = a + <usize>(lda << 2);
  const b1 = b + <usize>(ldb << 2), b2 = b1 + <usize>(ldb << 2), b3 = b2 + <usize>(ldb << 2);
  let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s02 = f32x4.splat(0), s03 = f32x4.splat(0);
  let s10 = f32x4.splat(0), s11 = f32x4.splat(0), s12 = f32x4.splat(0), s13 = f32x4.splat(0);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const at = <usize>(p << 2);
    const x0 = v128.load(a + at), x1 = v128.load(a1 + at);
    let y = v128.load(b + at);
    s00 = f32x4.add(s00, f32x4.mul(x0, y)); s10 = f32x4.add(s10, f32x4.mul(x1, y));
    y = v128.load(b1 + at);
    s01 = f32x4.add(s01, f32x4.mul(x0, y)); s11 = f32x4.add(s11, f32x4.mul(x1, y));
    y = v128.load(b2 + at);
    s02 = f32x4.add(s02, f32x4.mul(x0, y)); s12 = f32x4.add(s12, f32x4.mul(x1, y));
    y = v128.load(b3 + at);
    s03 = f32x4.add(s03, f32x4.mul(x0, y)); s13 = f32x4.add(s13, f32x4.mul(x1, y));
  }
  let r00 = lanes(s00), r01 = lanes(s01), r02 = lanes(s02), r03 = lanes(s03);
  let r10 = lanes(s10), r11 = lanes(s11), r12 = lanes(s12), r13 = lanes(s13);
  for (; p < k; p++) {
    const at = <usize>(p << 2);
    const x0 = load<f32>(a + at), x1 = load<f32>(a1 + at);
    const y0 = load<f32>(b + at), y1 = load<f32>(b1 + at), y2 = load<f32>(b2 + at), y3 = load<f32>(b3 + at);
    r00 += x0 * y0; r01 += x0 * y1; r02 += x0 * y2; r03 += x0 * y3;
    r10 += x1 * y0; r11 += x1 * y1; r12 += x1 * y2; r13 += x1 * y3;
  }
  const c1 = c + <usize>(ldc << 2);
  addTo(c, r00); addTo(c + 4, r01); addTo(c + 8, r02); addTo(c + 12, r03);
  addTo(c1, r10); addTo(c1 + 4, r11); addTo(c1 + 8, r12); addTo(c1 + 12, r13);
}
