/**
 * The differentiable primitives of pooling, each a kernel call with its backward: window sums and
 * their adjoint, a picked position per window (max or sampled), and the scatter/gather pair through
 * those positions. Every backward is itself one of these ops, so gradients of gradients work.
 */
import { kernels } from "../backend/registry.js";
import type { PoolAxis, PoolSelection } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { Tensor } from "../tensor/tensor.js";

/** A pooled tensor and, per output element, the flat index of the input position it came from. */
export interface PoolWithIndices {
  output: Tensor;
  /** int32, shaped as output; an index into each input plane (the pooled spatial dimensions), as PyTorch. */
  indices: Tensor;
}

/** The sum of each window of the plan over x's trailing dimensions. */
export function windowSum(x: Tensor, plan: readonly PoolAxis[]): Tensor {
  const out = Tensor.fromData(kernels().poolSum(x, plan));
  return record("poolSum", out, [x], (g) => [windowSumAdjoint(g, plan)]);
}

/** Each element of g added to every input position of its window. */
export function windowSumAdjoint(g: Tensor, plan: readonly PoolAxis[]): Tensor {
  const out = Tensor.fromData(kernels().poolSumGrad(g, plan));
  return record("poolSumGrad", out, [g], (gg) => [windowSum(gg, plan)]);
}

/** Wrap a kernel's selection: the output's gradient goes back to the selected input positions. */
function selection(name: string, x: Tensor, plan: readonly PoolAxis[], picked: PoolSelection): PoolWithIndices {
  const indices = Tensor.fromData(picked.indices);
  const planeShape = plan.map((axis) => axis.inSize);
  const output = record(name, Tensor.fromData(picked.values), [x], (g) => [unpool(g, indices, planeShape, true)]);
  return { output, indices };
}

/** The maximum of each window and its position. */
export function windowMax(x: Tensor, plan: readonly PoolAxis[]): PoolWithIndices {
  return selection("maxPool", x, plan, kernels().poolMax(x, plan));
}

/** One position per window drawn with probability ∝ max(x, 0), from the uniforms u (shaped as the output). */
export function windowSample(x: Tensor, plan: readonly PoolAxis[], u: Tensor): PoolWithIndices {
  return selection("stochasticPool", x, plan, kernels().poolSample(x, plan, u));
}

/**
 * x written at the per-plane positions `indices` into zeros whose trailing dimensions are
 * planeShape: summed where positions repeat if `accumulate`, else the last write wins.
 */
export function unpool(x: Tensor, indices: Tensor, planeShape: readonly number[], accumulate: boolean): Tensor {
  const out = Tensor.fromData(kernels().unpool(x, indices, planeShape, accumulate));
  return record(accumulate ? "unpoolAdd" : "unpool", out, [x], (g) => [unpoolGather(g, indices, planeShape.length)]);
}

/** The adjoint of unpool: for each index, the element of g's plane (its last spatialDims dimensions) it points at. */
function unpoolGather(g: Tensor, indices: Tensor, spatialDims: number): Tensor {
  const planeShape = g.shape.slice(g.ndim - spatialDims);
  const out = Tensor.fromData(kernels().unpoolGrad(g, indices, spatialDims));
  return record("unpoolGrad", out, [g], (gg) => [unpool(gg, indices, planeShape, true)]);
}
