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
export const eq = compare("eq");
export const ne = compare("ne");
export const lt = compare("lt");
export const le = compare("le");
export const gt = compare("gt");
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
