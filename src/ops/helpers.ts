/** Small pieces shared by the ops. */
import type { DType } from "../tensor/dtype.js";
import { sameShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { scalar } from "./creation.js";
import { sum } from "./reduce.js";
import { reshape } from "./shape.js";

export type TensorLike = Tensor | number;

/** A number becomes a 0-d tensor of the other operand's dtype (float32 if it is fractional and that is int32). */
export function asTensor(x: TensorLike, like: DType): Tensor {
  if (typeof x !== "number") return x;
  const dtype: DType = like === "int32" && !Number.isInteger(x) ? "float32" : like;
  return scalar(x, dtype);
}

/** Sum a broadcast gradient back down to the shape of the input it came from. */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(g, axes, true), shape);
}
