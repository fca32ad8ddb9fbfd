// Single-precision matrix product C (+)= A·B, GotoBLAS-style: B is packed into KC×NR panels and A
// into MR×KC slivers so the 4×8 register kernel reads both with unit stride, and the blocks fit
// the caches (an A block of MC×KC in L2, the current B sliver in L1).
//
// Matrices are addressed by strides, in elements: A(i, p) is at a + 4·(i·rsA + p·csA), B(p, j) at
// b + 4·(p·rsB + j·csB), so transposed operands need no copy. C is row-major with row stride ldc.

const MR: i32 = 4;
const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 2048;

/** Bytes of packing scratch one gemm call needs (per thread). */
export function gemmScratchBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

function packA(a: usize, rsA: i32, csA: i32, mc: i32, kc: i32, dst: usize): void {
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    const block = a + <usize>((i0 * rsA) << 2);
    let p = 0;
    if (rows == MR && rsA == 1) {
      // Aᵀ stored row-major: the MR entries of a column are contiguous
      for (; p < kc; p++) v128.store(dst + <usize>((p * MR) << 2), v128.load(block + <usize>((p * csA) << 2)));
    } else if (rows == MR && csA == 1) {
      // row-major A: transpose 4×4 blocks of MR rows by 4 columns
      for (; p + 4 <= kc; p += 4) {
        transpose4x4(block + <usize>(p << 2), <usize>(rsA << 2), dst + <usize>((p * MR) << 2), MR << 2);
      }
    }
    packRemainder(block, p, kc, csA, rsA, rows, MR, dst);
    dst += <usize>((kc * MR) << 2);
  }
}

function packB(b: usize, rsB: i32, csB: i32, kc: i32, nc: i32, dst: usize): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    const block = b + <usize>((j0 * csB) << 2);
    let p = 0;
    if (cols == NR && csB == 1) {
      for (; p < kc; p++) {
        const src = block + <usize>((p * rsB) << 2);
        const to = dst + <usize>((p * NR) << 2);
        v128.store(to, v128.load(src));
        v128.store(to, v128.load(src, 16), 16);
      }
    } else if (cols == NR && rsB == 1) {
      // Bᵀ stored row-major (a linear layer's weight): each column of B is contiguous, so
      // transpose 4×4 blocks, the panel's left four columns then its right four
      const stride = <usize>(csB << 2);
      for (; p + 4 <= kc; p += 4) {
        const src = block + <usize>(p << 2);
        const to = dst + <usize>((p * NR) << 2);
        transpose4x4(src, stride, to, NR << 2);
        transpose4x4(src + 4 * stride, stride, to + 16, NR << 2);
      }
    }
    packRemainder(block, p, kc, rsB, csB, cols, NR, dst);
    dst += <usize>((kc * NR) << 2);
  }
}

/**
 * Steps p … kc−1 of a pack, element by element: step q's `count` values, `laneStride` elements
 * apart from src + 4·q·stepStride, go to the `width` lanes at dst + 4·q·width, the lanes past
 * `count` zeroed (a sliver of fewer than MR rows or NR columns, or a layout the SIMD loops skip).
 */
// @ts-ignore: decorator
@inline function packRemainder(src: usize, p: i32, kc: i32, stepStride: i32, laneStride: i32, count: i32, width: i32, dst: usize): void {
  for (; p < kc; p++) {
    const from = src + <usize>((p * stepStride) << 2);
    const to = dst + <usize>((p * width) << 2);
    for (let l = 0; l < count; l++) store<f32>(to + <usize>(l << 2), load<f32>(from + <usize>((l * laneStride) << 2)));
    for (let l = count; l < width; l++) store<f32>(to + <usize>(l << 2), 0);
  }
}

/** Store the transpose of the 4×4 block whose rows start at src, rowStride bytes apart: its column q goes to dst + q·stride bytes. */
// @ts-ignore: decorator
@inline function transpose4x4(src: usize, rowStride: usize, dst: usize, stride: i32): void {
  const r0 = v128.load(src), r1 = v128.load(src + rowStride), r2 = v128.load(src + 2 * rowStride), r3 = v128.load(src + 3 * rowStride);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  const s = <usize>stride;
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + s, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * s, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * s, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/**
 * The 4×8 register kernel: a 4×8 tile of C plus (or, if !accumulate, set to) the product of an
 * A sliver (kc × 4) and a B sliver (kc × 8). When the tile sticks out of C (rows < 4 or
 * cols < 8) it goes through `edge`, a 32-float buffer. Eight accumulators, two B vectors and
 * one broadcast A fit the 16 SIMD registers V8 allocates on x64; a 6×8 tile (12 accumulators)
 * spills and measured 25 against 34 GFLOP/s on one core at n = 1024.
 */
function kernel(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, rows: i32, cols: i32, accumulate: bool, edge: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 16;
    bp += 32;
  }
  const full = rows == MR && cols == NR;
  let dst = full ? c : edge;
  const ld: usize = full ? <usize>(ldc << 2) : 32;
  const add = full && accumulate;
  storeRow(dst, c00, c01, add); dst += ld;
  storeRow(dst, c10, c11, add); dst += ld;
  storeRow(dst, c20, c21, add); dst += ld;
  storeRow(dst, c30, c31, add);
  if (!full) {
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) {
        const to = c + <usize>((r * ldc + j) << 2);
        const v = load<f32>(edge + <usize>((r * NR + j) << 2));
        store<f32>(to, accumulate ? load<f32>(to) + v : v);
      }
    }
  }
}

// @ts-ignore: decorator
@inline function storeRow(dst: usize, lo: v128, hi: v128, add: bool): void {
  if (add) {
    lo = f32x4.add(lo, v128.load(dst));
    hi = f32x4.add(hi, v128.load(dst, 16));
  }
  v128.store(dst, lo);
  v128.store(dst, hi, 16);
}

/** C[m×n] = A·B (or C += A·B if accumulate), using `scratch` (gemmScratchBytes() bytes) for the packed panels. */
export function gemm(
  m: i32, n: i32, k: i32,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32, accumulate: bool, scratch: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) memory.fill(c + <usize>((i * ldc) << 2), 0, <usize>(n << 2));
    return;
  }
  const packedA = scratch;
  const packedB = scratch + <usize>((MC * KC) << 2);
  const edge = packedB + <usize>((KC * NC) << 2);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(b + <usize>((pc * rsB + jc * csB) << 2), rsB, csB, kc, nc, packedB);
      const acc = accumulate || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a + <usize>((ic * rsA + pc * csA) << 2), rsA, csA, mc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const bp = packedB + <usize>((jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const cTile = c + <usize>(((ic + ir) * ldc + jc + jr) << 2);
            kernel(kc, packedA + <usize>((ir * kc) << 2), bp, cTile, ldc, min(MR, mc - ir), min(NR, nc - jr), acc, edge);
          }
        }
      }
    }
  }
}
