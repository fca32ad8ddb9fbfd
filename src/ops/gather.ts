/** Index-driven ops: gather, scatterAdd, indexSelect, oneHot. */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import type { DType } from "../tensor/dtype.js";
import { fmtShape, normAxis, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { zeros } from "./creation.js";
import { reshape } from "./shape.js";
import { concat } from "./slice.js";

function checkIndexTensor(op: string, index: Tensor): void {
  if (index.dtype !== "int32") throw new TypeError(`${op}: index must be int32, got ${index.dtype}`);
}

function checkGatherShapes(op: string, x: Tensor, axis: number, index: Tensor): void {
  const fits = index.ndim === x.ndim && index.shape.every((d, i) => i === axis || d <= x.shape[i]);
  if (!fits) {
    throw new ShapeError(
      `${op}: index of shape ${fmtShape(index.shape)} does not fit input of shape ${fmtShape(x.shape)} along axis ${axis} ` +
        `(same number of dimensions, and no larger except along the axis)`,
    );
  }
}

/** out[...i, j, k...] = x[...i, index[...i, j, k...], k...] along `axis` (torch.gather). */
export function gather(x: Tensor, axis: number, index: Tensor): Tensor {
  const a = normAxis("gather", axis, x.ndim);
  checkIndexTensor("gather", index);
  checkGatherShapes("gather", x, a, index);
  // kernels index along a real axis; a 0-d tensor is read as one element of a 1-D one
  if (x.ndim === 0) return reshape(gather(reshape(x, [1]), 0, reshape(index, [1])), []);
  const out = Tensor.fromData(kernels().gather(x, a, index));
  return record("gather", out, [x], (g) => [scatterAdd(zeros(x.shape, { dtype: g.dtype }), a, index, g)]);
}

/** A copy of `base` with each src element added at the position index names along `axis`. */
export function scatterAdd(base: Tensor, axis: number, index: Tensor, src: Tensor): Tensor {
  const a = normAxis("scatterAdd", axis, base.ndim);
  checkIndexTensor("scatterAdd", index);
  checkGatherShapes("scatterAdd", base, a, index);
  if (src.ndim !== index.ndim || index.shape.some((d, i) => d > src.shape[i])) {
    throw new ShapeError(`scatterAdd: src of shape ${fmtShape(src.shape)} is smaller than index of shape ${fmtShape(index.shape)}`);
  }
  if (src.dtype !== base.dtype) throw new TypeError(`scatterAdd: src is ${src.dtype} but the tensor added into is ${base.dtype}; they must match`);
  if (base.ndim === 0) return reshape(scatterAdd(reshape(base, [1]), 0, reshape(index, [1]), reshape(src, [1])), []);
  const out = Tensor.fromData(kernels().scatterAdd(base, a, index, src));
  return record("scatterAdd", out, [base, src], (g) => [g, src.requiresGrad ? gatherPadded(g, a, index, src.shape) : null]);
}

/** gather, then zero-padded at the end of each dimension up to src's shape (src may be larger than index). */
function gatherPadded(g: Tensor, axis: number, index: Tensor, srcShape: readonly number[]): Tensor {
  let picked = gather(g, axis, index);
  srcShape.forEach((size, d) => {
    const missing = size - picked.shape[d];
    if (missing === 0) return;
    const padShape = [...picked.shape];
    padShape[d] = missing;
    picked = concat([picked, zeros(padShape, { dtype: picked.dtype })], d);
  });
  return picked;
}

/** The slices of `axis` named by a 1-D int32 index, in that order (rows of an embedding table). */
export function indexSelect(x: Tensor, axis: number, index: Tensor): Tensor {
  const a = normAxis("indexSelect", axis, x.ndim);
  checkIndexTensor("indexSelect", index);
  if (index.ndim !== 1) throw new ShapeError(`indexSelect: index must be 1-D, got shape ${fmtShape(index.shape)}`);
  const out = Tensor.fromData(kernels().indexSelect(x, a, index));
  return record("indexSelect", out, [x], (g) => [indexAddOp(g, a, index, x.shape)]);
}

function indexAddOp(g: Tensor, axis: number, index: Tensor, inShape: readonly number[]): Tensor {
  const out = Tensor.fromData(kernels().indexAdd(g, axis, index, inShape));
  return record("indexAdd", out, [g], (gg) => [indexSelect(gg, axis, index)]);
}

/** A one-hot encoding: a new last axis of `numClasses`, 1 at each index (float32 unless told). */
export function oneHot(indices: Tensor, numClasses: number, dtype: DType = "float32"): Tensor {
  checkIndexTensor("oneHot", indices);
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  const out = zeros([...indices.shape, numClasses], { dtype });
  indices.values.forEach((c, i) => {
    if (c < 0 || c >= numClasses) throw new RangeError(`oneHot: class ${c} at position ${i} is outside [0, ${numClasses})`);
    out.values[i * numClasses + c] = 1;
  });
  return out;
}
