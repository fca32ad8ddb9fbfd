import type { TensorData } from "../kernels.js";
import type { TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { broadcastStrides, sizeOf } from "../../tensor/shape.js";
import { result } from "./util.js";

/** Copy the [rows, cols] matrix at `offset` of `src` transposed into a new [cols, rows] array. */
function transposed(src: TypedArray, offset: number, rows: number, cols: number): TypedArray {
  const out = allocate(src instanceof Float64Array ? "float64" : "float32", rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[offset + r * cols + c];
  }
  return out;
}

const K_BLOCK = 128;
const N_BLOCK = 512;

/**
 * C[m, n] += A[m, k] · B[k, n], all row-major and contiguous. Rows of A are taken four at a time
 * so each loaded element of B feeds four multiply-adds, and k and n are blocked so the slice of B
 * in use stays in cache.
 */
function gemm(a: TypedArray, aOff: number, b: TypedArray, bOff: number, c: TypedArray, cOff: number, m: number, k: number, n: number): void {
  for (let j0 = 0; j0 < n; j0 += N_BLOCK) {
    const j1 = Math.min(n, j0 + N_BLOCK);
    for (let p0 = 0; p0 < k; p0 += K_BLOCK) {
      const p1 = Math.min(k, p0 + K_BLOCK);
      let i = 0;
      for (; i + 3 < m; i += 4) {
        const c0 = cOff + i * n;
        const c1 = c0 + n;
        const c2 = c1 + n;
        const c3 = c2 + n;
        for (let p = p0; p < p1; p++) {
          const a0 = a[aOff + i * k + p];
          const a1 = a[aOff + (i + 1) * k + p];
          const a2 = a[aOff + (i + 2) * k + p];
          const a3 = a[aOff + (i + 3) * k + p];
          const bRow = bOff + p * n;
          for (let j = j0; j < j1; j++) {
            const bv = b[bRow + j];
            c[c0 + j] += a0 * bv;
            c[c1 + j] += a1 * bv;
            c[c2 + j] += a2 * bv;
            c[c3 + j] += a3 * bv;
          }
        }
      }
      for (; i < m; i++) {
        const c0 = cOff + i * n;
        for (let p = p0; p < p1; p++) {
          const a0 = a[aOff + i * k + p];
          const bRow = bOff + p * n;
          for (let j = j0; j < j1; j++) c[c0 + j] += a0 * b[bRow + j];
        }
      }
    }
  }
}

export function matmul(a: TensorData, b: TensorData, transA: boolean, transB: boolean, batchShape: readonly number[]): TensorData {
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transA ? a.shape[ar - 1] : a.shape[ar - 2];
  const k = transA ? a.shape[ar - 2] : a.shape[ar - 1];
  const n = transB ? b.shape[br - 2] : b.shape[br - 1];
  const out = result([...batchShape, m, n], a.dtype);
  const batches = sizeOf(batchShape);
  const aStrides = broadcastStrides(a.shape.slice(0, -2), batchShape);
  const bStrides = broadcastStrides(b.shape.slice(0, -2), batchShape);
  const aMat = m * k;
  const bMat = k * n;
  const counter = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batches; t++) {
    let aOff = 0;
    let bOff = 0;
    for (let d = 0; d < counter.length; d++) {
      aOff += counter[d] * aStrides[d] * aMat;
      bOff += counter[d] * bStrides[d] * bMat;
    }
    // a transposed operand costs one O(mk) or O(kn) copy, small beside the O(mkn) product
    const aData = transA ? transposed(a.values, aOff, k, m) : a.values;
    const bData = transB ? transposed(b.values, bOff, n, k) : b.values;
    gemm(aData, transA ? 0 : aOff, bData, transB ? 0 : bOff, out.values, t * m * n, m, k, n);
    for (let d = counter.length - 1; d >= 0; d--) {
      if (++counter[d] < batchShape[d]) break;
      counter[d] = 0;
    }
  }
  return out;
}
