import type { TensorData } from "../kernels.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { sizeOf } from "../../tensor/shape.js";
import { kernelResultValues } from "../storage.js";

/** A kernel's result: `values` if given, else zeroed room in the active backend's memory (see storage.ts) or JavaScript's. */
export function result(shape: readonly number[], dtype: DType, values?: TypedArray): TensorData {
  const n = sizeOf(shape);
  return { shape: [...shape], dtype, values: values ?? kernelResultValues(dtype, n) ?? allocate(dtype, n) };
}

/**
 * Merge neighbouring dimensions that every operand steps through as one (stride[d] equals
 * stride[d+1]·shape[d+1], which includes broadcast dimensions with stride 0 on both), and drop
 * size-1 dimensions. A bias row [m, n] + [n] stays two dimensions; same-shape operands become one.
 */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    const mergeable = last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * shape[d]);
    if (mergeable) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(shape[d]);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Visit every index of `shape` in row-major order, a run of the innermost dimension at a time:
 * `inner(outStart, len, offsets, innerStrides)` where offsets[k] is the flat offset into input k
 * (read through its possibly broadcast `strides[k]`) at the run's start. Dimensions are coalesced
 * first, so runs are as long as the layouts allow and hot loops stay simple.
 */
export function forEachStrided(
  fullShape: readonly number[],
  fullStrides: readonly (readonly number[])[],
  inner: (outStart: number, len: number, offsets: number[], innerStrides: number[]) => void,
): void {
  const total = sizeOf(fullShape);
  if (total === 0) return;
  const { shape, strides } = coalesce(fullShape, fullStrides);
  const ndim = shape.length;
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
