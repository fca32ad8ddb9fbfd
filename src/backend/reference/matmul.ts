import type { TensorData } from "../kernels.js";
import { broadcastStrides, sizeOf } from "../../tensor/shape.js";
import { gemm, gemmScratch } from "./gemm.js";
import { result } from "./util.js";

/** Batched op(A) · op(B): one packed gemm per batch entry, with broadcast batch dims read through strides. */
export function matmul(a: TensorData, b: TensorData, transA: boolean, transB: boolean, batchShape: readonly number[]): TensorData {
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transA ? a.shape[ar - 1] : a.shape[ar - 2];
  const k = transA ? a.shape[ar - 2] : a.shape[ar - 1];
  const n = transB ? b.shape[br - 2] : b.shape[br - 1];
  const out = result([...batchShape, m, n], a.dtype);
  const batches = sizeOf(batchShape);
  if (m * n === 0 || k === 0) return out;
  const aStrides = broadcastStrides(a.shape.slice(0, -2), batchShape);
  const bStrides = broadcastStrides(b.shape.slice(0, -2), batchShape);
  const scratch = gemmScratch(m, k, n);
  const counter = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batches; t++) {
    let aMatrix = 0;
    let bMatrix = 0;
    for (let d = 0; d < counter.length; d++) {
      aMatrix += counter[d] * aStrides[d];
      bMatrix += counter[d] * bStrides[d];
    }
    const left = { values: a.values, offset: aMatrix * m * k, trans: transA };
    const right = { values: b.values, offset: bMatrix * k * n, trans: transB };
    gemm(left, right, out.values, t * m * n, m, k, n, scratch);
    for (let d = counter.length - 1; d >= 0; d--) {
      if (++counter[d] < batchShape[d]) break;
      counter[d] = 0;
    }
  }
  return out;
}
