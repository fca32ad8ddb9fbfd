/**
 * General matrix multiply in plain TypeScript, C += op(A) · op(B), organised as in GotoBLAS:
 *
 * - op(B) is copied, a [kc × nc] block at a time, into "panels" of NR columns stored column-tuple
 *   by column-tuple (bp[(panel·kc + p)·NR + c]); op(A) likewise, [mc × kc] at a time, into panels
 *   of MR rows. Packing reads either layout, so a transposed operand costs nothing extra, and the
 *   hot loop then walks both panels sequentially.
 * - A 4 × 4 micro-kernel keeps its 16 sums of C in local variables across the whole k block, so
 *   each step loads 8 numbers for 16 multiply-adds (the naive loop loads and stores C every time).
 * - Panels are Float64Array: JavaScript arithmetic is double anyway, so this spares a conversion per
 *   load, and float32 results are accumulated in double and rounded once per k block.
 *
 * Block sizes keep a B block (kc·nc doubles, 1 MB) in L2 and an A panel (kc·MR) plus B panel in L1.
 */
import type { TypedArray } from "../../tensor/dtype.js";

const MR = 4;
const NR = 4;
const KC = 256;
const NC = 512;
const MC = 64;

/** One operand of a product: `values` from `offset`, a [rows, cols] matrix stored transposed if `trans`. */
export interface MatrixView {
  values: TypedArray;
  offset: number;
  trans: boolean;
}

/** Reusable packing buffers, so a batched product allocates them once. */
export interface GemmScratch {
  a: Float64Array;
  b: Float64Array;
}

export function gemmScratch(m: number, k: number, n: number): GemmScratch {
  const kc = blockSize(k, KC);
  return {
    a: new Float64Array(roundUp(Math.min(m, MC), MR) * kc),
    b: new Float64Array(roundUp(blockSize(n, NC), NR) * kc),
  };
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/** Split `total` into equal blocks of at most `max` (so no block is a tiny remainder). */
function blockSize(total: number, max: number): number {
  return Math.ceil(total / Math.max(1, Math.ceil(total / max)));
}

/**
 * Element (i, p) of op(A) for an [m, k] product, rows i0… and columns p0… packed into MR-row
 * panels; rows past the end are zero so the micro-kernel never needs a ragged case.
 */
function packA(a: MatrixView, m: number, k: number, i0: number, mc: number, p0: number, kc: number, out: Float64Array): void {
  const v = a.values;
  // stepping along k moves 1 element in a row-major A, m elements in a transposed one
  const rowStride = a.trans ? 1 : k;
  const kStride = a.trans ? m : 1;
  let w = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    for (let r = 0; r < MR; r++) {
      if (r < rows) {
        let src = a.offset + (i0 + ir + r) * rowStride + p0 * kStride;
        for (let p = 0; p < kc; p++, src += kStride) out[w + p * MR + r] = v[src];
      } else for (let p = 0; p < kc; p++) out[w + p * MR + r] = 0;
    }
    w += kc * MR;
  }
}

/** Element (p, j) of op(B) for a [k, n] product, packed into NR-column panels, zero-padded. */
function packB(b: MatrixView, k: number, n: number, p0: number, kc: number, j0: number, nc: number, out: Float64Array): void {
  const v = b.values;
  const colStride = b.trans ? k : 1;
  const kStride = b.trans ? 1 : n;
  let w = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    for (let c = 0; c < NR; c++) {
      if (c < cols) {
        let src = b.offset + (j0 + jr + c) * colStride + p0 * kStride;
        for (let p = 0; p < kc; p++, src += kStride) out[w + p * NR + c] = v[src];
      } else for (let p = 0; p < kc; p++) out[w + p * NR + c] = 0;
    }
    w += kc * NR;
  }
}

const edge = new Float64Array(MR * NR);

/** C[4×4 tile at cOff] += A panel · B panel over kc steps; only `rows × cols` of the tile are stored. */
function microKernel(
  ap: Float64Array, aBase: number, bp: Float64Array, bBase: number, kc: number,
  c: TypedArray, cOff: number, ldc: number, rows: number, cols: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0, ia = aBase, ib = bBase; p < kc; p++, ia += MR, ib += NR) {
    const a0 = ap[ia], a1 = ap[ia + 1], a2 = ap[ia + 2], a3 = ap[ia + 3];
    const b0 = bp[ib], b1 = bp[ib + 1], b2 = bp[ib + 2], b3 = bp[ib + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === MR && cols === NR) {
    let o = cOff;
    c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += ldc;
    c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += ldc;
    c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += ldc;
    c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    return;
  }
  edge[0] = c00; edge[1] = c01; edge[2] = c02; edge[3] = c03;
  edge[4] = c10; edge[5] = c11; edge[6] = c12; edge[7] = c13;
  edge[8] = c20; edge[9] = c21; edge[10] = c22; edge[11] = c23;
  edge[12] = c30; edge[13] = c31; edge[14] = c32; edge[15] = c33;
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) c[cOff + r * ldc + q] += edge[r * NR + q];
}

/** C[m, n] (row-major at cOff) += op(A)[m, k] · op(B)[k, n]. */
export function gemm(a: MatrixView, b: MatrixView, c: TypedArray, cOff: number, m: number, k: number, n: number, scratch: GemmScratch): void {
  const kcMax = blockSize(k, KC);
  const ncMax = blockSize(n, NC);
  for (let j0 = 0; j0 < n; j0 += ncMax) {
    const nc = Math.min(ncMax, n - j0);
    for (let p0 = 0; p0 < k; p0 += kcMax) {
      const kc = Math.min(kcMax, k - p0);
      packB(b, k, n, p0, kc, j0, nc, scratch.b);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, m, k, i0, mc, p0, kc, scratch.a);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const tile = cOff + (i0 + ir) * n + j0 + jr;
            microKernel(scratch.a, ir * kc, scratch.b, jr * kc, kc, c, tile, n, Math.min(MR, mc - ir), cols);
          }
        }
      }
    }
  }
}
