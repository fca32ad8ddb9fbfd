/** Comparisons (int32 0/1 results, no gradient) and where(). */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import { promote } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { binaryKernel } from "./arithmetic.js";
import { asTensor, sumTo, type TensorLike } from "./helpers.js";
import { zerosLike } from "./creation.js";

function compare(op: "eq" | "ne" | "lt" | "le" | "gt" | "ge") {
  return (a: TensorLike, b: TensorLike): Tensor => {
    const x = asTensor(a, typeof b === "number" ? "float32" : b.dtype);
    const y = asTensor(b, x.dtype);
    return binaryKernel(op, x, y, "int32");
  };
}
/** a == b elementwise (int32 1/0), broadcasting; no gradient. */
export const eq = compare("eq");
/** a != b elementwise (int32 1/0). */
export const ne = compare("ne");
/** a < b elementwise (int32 1/0). */
export const lt = compare("lt");
/** a <= b elementwise (int32 1/0). */
export const le = compare("le");
/** a > b elementwise (int32 1/0). */
export const gt = compare("gt");
/** a >= b elementwise (int32 1/0). */
export const ge = compare("ge");

/** a where cond is non-zero, else b; all three broadcast together. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const like = typeof a !== "number" ? a.dtype : typeof b !== "number" ? b.dtype : "float32";
  const x = asTensor(a, like);
  const y = asTensor(b, like);
  const shape = broadcastShapes("where", cond.shape, x.shape, y.shape);
  const out = Tensor.fromData(kernels().where(cond, x, y, shape, promote(x.dtype, y.dtype)));
  return record("where", out, [x, y], (g) => [
    x.requiresGrad ? sumTo(where(cond, g, zerosLike(g)), x.shape) : null,
    y.requiresGrad ? sumTo(where(cond, zerosLike(g), g), y.shape) : null,
  ]);
}
