/**
 * Where a tensor's values may live. A backend that keeps tensors in memory of its own (the wasm
 * backend's kernel memory) hands out views of it that it owns and reclaims; a view of that memory
 * it did not hand out (a subarray of one, say) would outlive the block under it, so the Tensor
 * constructor copies such a view instead of keeping it.
 */
import type { DType, TypedArray } from "../tensor/dtype.js";

let isForeignView: (values: TypedArray) => boolean = () => false;

/** Set by a backend whose memory tensors may view (the wasm heap). */
export function setForeignViewCheck(check: (values: TypedArray) => boolean): void {
  isForeignView = check;
}

/**
 * A tensor that lasts and is used again and again (a parameter: a leaf that requires gradients),
 * whose storage a backend may move into memory of its own on first use. Kernels are handed
 * Tensors, which carry these fields; plain kernel data does not, and is never moved.
 */
export function isTrainableLeaf(data: object): data is { values: TypedArray; requiresGrad: true } {
  const t = data as { requiresGrad?: unknown; gradFn?: unknown };
  return t.requiresGrad === true && t.gradFn === null;
}

/** values itself, or a copy where values views backend memory that no tensor owns. */
export function ownedValues<T extends TypedArray>(values: T): T {
  return isForeignView(values) ? (values.slice() as T) : values;
}

let kernelMemory: (dtype: DType, n: number) => TypedArray | null = () => null;

/**
 * Set by a backend that keeps tensors in memory of its own: where the reference kernels it falls
 * back on (layout, indexing, casts) put their results, so that its next kernel reads them in place
 * instead of copying them in. It returns zeroed values, or null to leave them to JavaScript.
 */
export function setKernelResultMemory(allocate: (dtype: DType, n: number) => TypedArray | null): void {
  kernelMemory = allocate;
}

/** Zeroed room for a kernel's result of n values in the active backend's memory, or null for JavaScript's. */
export function kernelResultValues(dtype: DType, n: number): TypedArray | null {
  return kernelMemory(dtype, n);
}
