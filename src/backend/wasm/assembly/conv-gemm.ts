// C[m×n] (+)= A·B for the convolution's forward and input-gradient products, with B read in place
// (a column tile, or gOut) and A one element at a time (broadcast across lanes), so nothing is
// packed. A register block is 4 rows × 8 columns of C: 8 accumulators, which leave V8 enough of
// the 16 SIMD registers that nothing spills. On the LeNet-5, CIFAR and VGG layers this ran
// 1.5–1.7× faster than gemm.ts's packed GEMM did with its former 6×8 tile (which spilled; it now
// uses 4×8 too). The column tiles are written fresh for each product, so packing them again would
// only add a pass over memory.
//
// A(i, p) is at a + 4·(i·rsA + p·csA), B is row-major with rows ldb floats apart, C with rows ldc
// apart. k is taken KC at a time so the 8-column panel of B being worked on stays in L1, and the
// rows of A MC at a time so the block of A that every panel passes over stays in L2.

const KC: i32 = 256;
const MC: i32 = 128;

export function gemmDirect(
  m: i32, n: i32, k: i32,
  a: usize, rsA: i32, csA: i32,
  b: usize, ldb: i32,
  c: usize, ldc: i32, accumulate: bool,
): void {
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const ak = a + <usize>((p0 * csA) << 2);
    const bk = b + <usize>((p0 * ldb) << 2);
    const add = accumulate || p0 > 0;
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      const ai = ak + <usize>((i0 * rsA) << 2);
      const ci = c + <usize>((i0 * ldc) << 2);
      let j = 0;
      for (; j + 8 <= n; j += 8) panel(mc, kc, ai, rsA, csA, bk + <usize>(j << 2), ldb, ci + <usize>(j << 2), ldc, add, true);
      for (; j + 4 <= n; j += 4) panel(mc, kc, ai, rsA, csA, bk + <usize>(j << 2), ldb, ci + <usize>(j << 2), ldc, add, false);
      for (; j < n; j++) column(mc, kc, ai, rsA, csA, bk + <usize>(j << 2), ldb, ci + <usize>(j << 2), ldc, add);
    }
  }
}

/** One panel of 8 (wide) or 4 columns of C, down all m rows, 4 at a time. */
// @ts-ignore: decorator
@inline function panel(m: i32, kc: i32, a: usize, rsA: i32, csA: i32, b: usize, ldb: i32, c: usize, ldc: i32, add: bool, wide: bool): void {
  for (let i = 0; i < m; i += 4) {
    // Past the last row, the block recomputes that row and does not store it.
    const rows = min(4, m - i);
    const a0 = a + <usize>((i * rsA) << 2);
    const a1 = a + <usize>((min(i + 1, m - 1) * rsA) << 2);
    const a2 = a + <usize>((min(i + 2, m - 1) * rsA) << 2);
    const a3 = a + <usize>((min(i + 3, m - 1) * rsA) << 2);
    block(kc, a0, a1, a2, a3, csA, b, ldb, c + <usize>((i * ldc) << 2), ldc, rows, add, wide);
  }
}

// @ts-ignore: decorator
@inline function block(
  kc: i32, a0: usize, a1: usize, a2: usize, a3: usize, csA: i32, b: usize, ldb: i32,
  c: usize, ldc: i32, rows: i32, add: bool, wide: bool,
): void {
  let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
  let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
  const aStep = <usize>(csA << 2), bStep = <usize>(ldb << 2);
  let ap: usize = 0;
  let bp = b;
  for (let p = 0; p < kc; p++) {
    const y0 = v128.load(bp);
    const y1 = wide ? v128.load(bp, 16) : y0;
    let x = v128.load32_splat(a0 + ap);
    s00 = f32x4.add(s00, f32x4.mul(x, y0));
    if (wide) s01 = f32x4.add(s01, f32x4.mul(x, y1));
    x = v128.load32_splat(a1 + ap);
    s10 = f32x4.add(s10, f32x4.mul(x, y0));
    if (wide) s11 = f32x4.add(s11, f32x4.mul(x, y1));
    x = v128.load32_splat(a2 + ap);
    s20 = f32x4.add(s20, f32x4.mul(x, y0));
    if (wide) s21 = f32x4.add(s21, f32x4.mul(x, y1));
    x = v128.load32_splat(a3 + ap);
    s30 = f32x4.add(s30, f32x4.mul(x, y0));
    if (wide) s31 = f32x4.add(s31, f32x4.mul(x, y1));
    ap += aStep;
    bp += bStep;
  }
  const row = <usize>(ldc << 2);
  storeRow(c, s00, s01, add, wide);
  if (rows > 1) storeRow(c + row, s10, s11, add, wide);
  if (rows > 2) storeRow(c + 2 * row, s20, s21, add, wide);
  if (rows > 3) storeRow(c + 3 * row, s30, s31, add, wide);
}

// @ts-ignore: decorator
@inline function storeRow(c: usize, lo: v128, hi: v128, add: bool, wide: bool): void {
  v128.store(c, add ? f32x4.add(v128.load(c), lo) : lo);
  if (wide) v128.store(c, add ? f32x4.add(v128.load(c, 16), hi) : hi, 16);
}

/** A single column of C (n not a multiple of 4), scalar. */
function column(m: i32, kc: i32, a: usize, rsA: i32, csA: i32, b: usize, ldb: i32, c: usize, ldc: i32, add: bool): void {
  for (let i = 0; i < m; i++) {
    let sum: f32 = 0;
    const ai = a + <usize>((i * rsA) << 2);
    for (let p = 0; p < kc; p++) sum += load<f32>(ai + <usize>((p * csA) << 2)) * load<f32>(b + <usize>((p * ldb) << 2));
    const at = c + <usize>((i * ldc) << 2);
    store<f32>(at, add ? load<f32>(at) + sum : sum);
  }
}
