import type { MatmulEpilogue, TensorData } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import { batchMatrixPairs } from "../batch-matrices.js";
import { gemm, gemmScratch } from "./gemm.js";
import { result } from "./util.js";

/** Batched op(A) · op(B): one packed gemm per batch entry, with broadcast batch dims read through strides. */
export function matmul(a: TensorData, b: TensorData, transA: boolean, transB: boolean, batchShape: readonly number[], epilogue?: MatmulEpilogue): TensorData {
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transA ? a.shape[ar - 1] : a.shape[ar - 2];
  const k = transA ? a.shape[ar - 2] : a.shape[ar - 1];
  const n = transB ? b.shape[br - 2] : b.shape[br - 1];
  const out = result([...batchShape, m, n], a.dtype);
  const batches = sizeOf(batchShape);
  if (m * n === 0 || k === 0) return out;
  const pairs = batchMatrixPairs(a.shape, b.shape, batchShape);
  const scratch = gemmScratch(m, k, n);
  for (let t = 0; t < batches; t++) {
    const left = { values: a.values, offset: pairs[2 * t] * m * k, trans: transA };
    const right = { values: b.values, offset: pairs[2 * t + 1] * k * n, trans: transB };
    gemm(left, right, out.values, t * m * n, m, k, n, scratch);
  }
  if (epilogue) applyEpilogue(out.values, n, epilogue);
  return out;
}

/** bias added to each row of n values, then the activation (ReLU keeps NaN, as the unary op). */
function applyEpilogue(values: TensorData["values"], n: number, { bias, activation }: MatmulEpilogue): void {
  const b = bias?.values;
  for (let i = 0; i < values.length; i++) {
    let v = b ? values[i] + b[i % n] : values[i];
    if (activation === "relu" && v <= 0) v = 0;
    values[i] = v;
  }
}
