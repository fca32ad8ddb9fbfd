import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import type { DType } from "../tensor/dtype.js";
import { assertDType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

/** The same values in another dtype; gradients flow back between float dtypes. */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertDType("cast", dtype);
  if (x.dtype === dtype) return x;
  const out = Tensor.fromData(kernels().cast(x, dtype));
  if (dtype === "int32") return out;
  return record("cast", out, [x], (g) => [x.dtype === "int32" ? null : cast(g, x.dtype)]);
}
