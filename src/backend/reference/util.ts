import type { TensorData } from "../kernels.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { sizeOf } from "../../tensor/shape.js";

export function result(shape: readonly number[], dtype: DType, values?: TypedArray): TensorData {
  return { shape: [...shape], dtype, values: values ?? allocate(dtype, sizeOf(shape)) };
}

/**
 * Visit every index of `shape` in row-major order, calling `fn(outIndex, offsets)` where
 * offsets[k] is the flat offset into input k given its (broadcast) strides. The innermost
 * dimension is handed to `inner` whole so hot loops stay simple.
 */
export function forEachStrided(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  inner: (outStart: number, len: number, offsets: number[], innerStrides: number[]) => void,
): void {
  const ndim = shape.length;
  const total = sizeOf(shape);
  if (total === 0) return;
  if (ndim === 0) {
    inner(0, 1, strides.map(() => 0), strides.map(() => 0));
    return;
  }
  const last = shape[ndim - 1];
  const innerStrides = strides.map((s) => s[ndim - 1]);
  const counter = new Array<number>(ndim - 1).fill(0);
  const offsets = strides.map(() => 0);
  for (let outStart = 0; outStart < total; outStart += last) {
    inner(outStart, last, offsets, innerStrides);
    // advance the odometer over the outer dimensions
    for (let d = ndim - 2; d >= 0; d--) {
      counter[d]++;
      for (let k = 0; k < strides.length; k++) offsets[k] += strides[k][d];
      if (counter[d] < shape[d]) break;
      for (let k = 0; k < strides.length; k++) offsets[k] -= strides[k][d] * shape[d];
      counter[d] = 0;
    }
  }
}
