/** Every slice along an axis at once, as torch.unbind. */
import { kernels } from "../backend/registry.js";
import { normAxis, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { zeros } from "./creation.js";
import { recordMultiOutput } from "./multi-output.js";
import { stack } from "./slice.js";

/**
 * The slices of x at each position of `axis`, that axis removed. One backward serves them all: it
 * stacks their gradients (zeros for slices no gradient reached), so taking all n slices costs one
 * copy of x in backward, where n select() calls would each send back a gradient the size of x.
 */
export function unbind(x: Tensor, axis = 0): Tensor[] {
  if (x.ndim === 0) throw new ShapeError("unbind: needs a tensor with at least 1 dimension, got a 0-d tensor");
  const a = normAxis("unbind", axis, x.ndim);
  const sliceShape = x.shape.map((size, d) => (d === a ? 1 : size));
  const pieceShape = x.shape.filter((_, d) => d !== a);
  const steps = x.shape.map(() => 1);
  const pieces = Array.from({ length: x.shape[a] }, (_, i) => {
    const starts = x.shape.map((_, d) => (d === a ? i : 0));
    const { values } = kernels().slice(x, starts, steps, sliceShape);
    return new Tensor(values, pieceShape);
  });
  recordMultiOutput("unbind", pieces, [x], (grads) => [stack(grads.map((g) => g ?? zeros(pieceShape, { dtype: x.dtype })), a)]);
  return pieces;
}
