/**
 * The values flowing through an imported graph. Float data are Strata tensors (so autograd sees
 * them); int64 data — shapes, axes, Gather indices of shapes, Reshape targets — are plain numbers
 * computed here in JavaScript, since Strata has no int64 and these never need gradients. Token ids
 * fed to the graph stay int32 tensors.
 */
import { tensor } from "../../../ops/index.js";
import { Tensor } from "../../../tensor/index.js";
import { OnnxImportError } from "./errors.js";

/** An integer tensor evaluated on the JavaScript side. */
export class IntValue {
  constructor(
    readonly dims: readonly number[],
    readonly data: readonly number[],
  ) {
    const size = dims.reduce((n, d) => n * d, 1);
    if (size !== data.length) throw new Error(`IntValue: ${data.length} values for dims [${dims.join(", ")}]`);
  }
}

export type OnnxValue = Tensor | IntValue;

/** The dimensions of either kind of value. */
export const dimsOf = (v: OnnxValue): readonly number[] => (v instanceof IntValue ? v.dims : v.shape);

/** A float value as a tensor; integers become float32 (as ONNX's Cast would) and carry no gradient. */
export function asFloatTensor(v: OnnxValue): Tensor {
  if (v instanceof IntValue) return tensor(Float32Array.from(v.data), [...v.dims]);
  return v;
}

/** An integer value as an int32 tensor (indices, ids). */
export function asIntTensor(v: OnnxValue, where: string): Tensor {
  if (v instanceof IntValue) return tensor(Int32Array.from(v.data), [...v.dims]);
  if (v.dtype !== "int32") throw new OnnxImportError(`${where}: expected integer indices, got a ${v.dtype} tensor`);
  return v;
}

/** An integer value's numbers (a shape, axes, pads…); a float tensor here is an error naming the node. */
export function intsOf(v: OnnxValue, where: string): number[] {
  if (v instanceof IntValue) return [...v.data];
  if (v.dtype === "int32") return Array.from(v.values);
  throw new OnnxImportError(`${where}: expected an integer tensor (a shape or axes), got a ${v.dtype} tensor of shape [${v.shape.join(", ")}]`);
}
