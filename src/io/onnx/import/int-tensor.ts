/** Running a tensor op on JavaScript integers: through an int32 tensor and back (transposes, slices of shape values). */
import { tensor } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import { IntValue, type OnnxValue } from "./values.js";

/** f on x; an integer x goes through an int32 tensor and comes back an IntValue. */
export function onEither(x: OnnxValue, f: (t: Tensor) => Tensor): OnnxValue {
  if (!(x instanceof IntValue)) return f(x);
  const out = f(tensor(Int32Array.from(x.data), [...x.dims]));
  return new IntValue(out.shape, Array.from(out.values));
}

/** x with new dims and the same data, whichever kind it is. */
export function withDims(x: OnnxValue, dims: readonly number[], reshape: (t: Tensor, shape: number[]) => Tensor): OnnxValue {
  return x instanceof IntValue ? new IntValue(dims, x.data) : reshape(x, [...dims]);
}
