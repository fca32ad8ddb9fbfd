/** Which matrices a batched matrix product pairs up, once its batch dimensions are broadcast. */
import { broadcastStrides, sizeOf } from "../tensor/shape.js";

/**
 * For each entry t of `batchShape` (row-major), the index of A's matrix at [2t] and of B's at
 * [2t + 1], where A and B have shapes [...batch dims, rows, cols] whose batch dims broadcast to
 * `batchShape` (a broadcast dimension repeats the same matrix).
 */
export function batchMatrixPairs(aShape: readonly number[], bShape: readonly number[], batchShape: readonly number[]): Int32Array {
  const aStrides = broadcastStrides(aShape.slice(0, -2), batchShape);
  const bStrides = broadcastStrides(bShape.slice(0, -2), batchShape);
  const batches = sizeOf(batchShape);
  const pairs = new Int32Array(2 * batches);
  const counter = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batches; t++) {
    for (let d = 0; d < counter.length; d++) {
      pairs[2 * t] += counter[d] * aStrides[d];
      pairs[2 * t + 1] += counter[d] * bStrides[d];
    }
    for (let d = counter.length - 1; d >= 0; d--) {
      if (++counter[d] < batchShape[d]) break;
      counter[d] = 0;
    }
  }
  return pairs;
}
