/** Softmax and log-softmax along an axis (fused, max-shifted kernels; gradients from ops). */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import { floatOf } from "../tensor/dtype.js";
import { normAxis } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { mul, sub } from "./arithmetic.js";
import { cast } from "./cast.js";
import { exp } from "./math.js";
import { sum } from "./reduce.js";

/** eˣ / Σ eˣ along `axis` (the last by default), computed stably; int32 input gives float32. */
export function softmax(x: Tensor, axis = -1): Tensor {
  const a = normAxis("softmax", axis, x.ndim);
  const xf = cast(x, floatOf(x.dtype));
  const y = Tensor.fromData(kernels().softmax(xf, a));
  // dx = y ⊙ (g − Σ g⊙y)
  return record("softmax", y, [xf], (g) => [mul(y, sub(g, sum(mul(g, y), a, true)))]);
}

/** log(softmax(x)) along `axis`, computed without forming softmax (stable for large |x|). */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const a = normAxis("logSoftmax", axis, x.ndim);
  const xf = cast(x, floatOf(x.dtype));
  const y = Tensor.fromData(kernels().logSoftmax(xf, a));
  // dx = g − softmax(x) · Σ g
  return record("logSoftmax", y, [xf], (g) => [sub(g, mul(exp(y), sum(g, a, true)))]);
}
