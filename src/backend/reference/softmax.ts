import type { TensorData } from "../kernels.js";
import { splitAround } from "./reduce.js";
import { result } from "./util.js";

/** Softmax or log-softmax along `axis`, shifted by the max for stability. */
function softmaxLike(x: TensorData, axis: number, log: boolean): TensorData {
  const [outer, size, inner] = splitAround(x.shape, axis, axis);
  const out = result(x.shape, x.dtype);
  const xv = x.values;
  const ov = out.values;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let r = 0; r < size; r++) max = Math.max(max, xv[base + r * inner]);
      if (max === -Infinity) max = 0;
      if (log) {
        let sum = 0;
        for (let r = 0; r < size; r++) sum += Math.exp(xv[base + r * inner] - max);
        // (x − max) − log Σ, not x − (max + log Σ): at |x| ~ 1e30 the latter loses log Σ entirely
        const logSum = Math.log(sum);
        for (let r = 0; r < size; r++) ov[base + r * inner] = xv[base + r * inner] - max - logSum;
      } else {
        // the exponentials are summed in double, then each is divided by the sum
        const exps = new Float64Array(size);
        let sum = 0;
        for (let r = 0; r < size; r++) sum += exps[r] = Math.exp(xv[base + r * inner] - max);
        for (let r = 0; r < size; r++) ov[base + r * inner] = exps[r] / sum;
      }
    }
  }
  return out;
}

export function softmax(x: TensorData, axis: number): TensorData {
  return softmaxLike(x, axis, false);
}

export function logSoftmax(x: TensorData, axis: number): TensorData {
  return softmaxLike(x, axis, true);
}
