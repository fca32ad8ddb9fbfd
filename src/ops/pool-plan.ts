/**
 * Window plans for the pooling kernels: for each spatial axis, where each output position's window
 * starts inside the input and how many taps it keeps (see PoolAxis in backend/kernels.ts).
 */
import type { PoolAxis } from "../backend/kernels.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import type { PoolGeometry } from "./pool-shape.js";
import { full } from "./creation.js";

/**
 * Regular windows: output o covers padded positions o·S − P + j·D for j < F; taps that fall in the
 * padding are left out (they never win a max and add nothing to a sum).
 */
export function windowPlan(geometry: PoolGeometry, inSize: readonly number[], outSize: readonly number[]): PoolAxis[] {
  return inSize.map((n, i) => {
    const k = geometry.kernel[i];
    const s = geometry.stride[i];
    const p = geometry.padding[i];
    const d = geometry.dilation[i];
    const first = new Int32Array(outSize[i]);
    const count = new Int32Array(outSize[i]);
    for (let o = 0; o < outSize[i]; o++) {
      const start = o * s - p;
      const skip = start < 0 ? Math.ceil(-start / d) : 0; // taps left of the input
      const last = Math.min(k - 1, Math.floor((n - 1 - start) / d)); // last tap inside it
      first[o] = start + skip * d;
      count[o] = Math.max(0, last - skip + 1);
    }
    return { inSize: n, first, count, step: d };
  });
}

/** Adaptive windows, PyTorch's rule: output o of m over n inputs covers ⌊o·n/m⌋ … ⌈(o+1)·n/m⌉ − 1. */
export function adaptivePlan(inSize: readonly number[], outSize: readonly number[]): PoolAxis[] {
  return inSize.map((n, i) => {
    const m = outSize[i];
    const first = new Int32Array(m);
    const count = new Int32Array(m);
    for (let o = 0; o < m; o++) {
      first[o] = Math.floor((o * n) / m);
      count[o] = Math.ceil(((o + 1) * n) / m) - first[o];
    }
    return { inSize: n, first, count, step: 1 };
  });
}

/**
 * What each window's sum is divided by to average it, shaped as the output's spatial size: the
 * taps inside the input, or with countIncludePad those inside the padded input as well (a ceil-mode
 * window hanging past the padding still counts only up to it, as PyTorch). Average pooling has no
 * dilation, so a window's taps are consecutive.
 */
export function averageDivisor(plan: readonly PoolAxis[], geometry: PoolGeometry | null, countIncludePad: boolean, dtype: DType): Tensor {
  const factors = plan.map((axis, i) => {
    if (!countIncludePad || !geometry) return Array.from(axis.count);
    const { kernel, stride, padding } = geometry;
    return Array.from(axis.first, (_, o) => {
      const start = o * stride[i] - padding[i];
      return Math.min(start + kernel[i], axis.inSize + padding[i]) - start;
    });
  });
  const outSize = plan.map((axis) => axis.first.length);
  const divisor = full(outSize, 1, { dtype });
  const values = divisor.values;
  // outer product of the per-axis factors, row-major
  let block = values.length;
  factors.forEach((f) => {
    block /= f.length;
    for (let at = 0; at < values.length; at++) values[at] *= f[Math.floor(at / block) % f.length];
  });
  return divisor;
}
