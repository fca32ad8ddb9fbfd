/**
 * Pooling across feature maps rather than across space: groups of adjacent channels (dimension 1)
 * are reduced to one — by the L2 norm (FeatureL2Pool) or the maximum (maxout).
 */
import { gt, max, mul, reshape, sqrt, sum, where } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

/** The shape [N, C/size, …] of reducing groups of `size` adjacent channels of an [N, C, …] input, checked. */
export function channelGroupShape(op: string, shape: readonly number[], size: number): number[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`${op}: the group size must be a positive integer, got ${size}`);
  if (shape.length < 2 || shape[1] % size !== 0) {
    throw new ShapeError(
      `${op}: input of shape ${fmtShape(shape)} must be [N, C, …] with C divisible by the group size ${size}` + (shape.length < 2 ? "" : ` (C = ${shape[1]})`),
    );
  }
  return [shape[0], shape[1] / size, ...shape.slice(2)];
}

/** x [N, C, …] viewed as [N, C/size, size, …]: channel c goes to group ⌊c/size⌋. */
function channelGroups(op: string, x: Tensor, size: number): Tensor {
  const [n, groups, ...rest] = channelGroupShape(op, x.shape, size);
  return reshape(x, [n, groups, size, ...rest]);
}

/**
 * L2 pooling across feature maps: each group of `size` adjacent channels becomes √(Σ x²), so
 * [N, C, …] → [N, C/size, …] — the invariance pooling of group sparsity / topographic features.
 * A group that is all zeros outputs 0 with a zero gradient (the norm's slope is undefined there).
 */
export function featureL2Pool(x: Tensor, size: number): Tensor {
  const grouped = channelGroups("featureL2Pool", x, size);
  const squares = sum(mul(grouped, grouped), 2);
  const some = gt(squares, 0);
  // the inner where keeps √0 out of the graph, so its infinite slope does not make 0·∞ = NaN
  return where(some, sqrt(where(some, squares, 1)), 0);
}

/**
 * Maxout (Goodfellow et al. 2013): the maximum over each group of `pieces` adjacent channels (or
 * features, for [N, F] input), [N, C, …] → [N, C/pieces, …]. Ties share the gradient equally.
 */
export function maxout(x: Tensor, pieces: number): Tensor {
  return max(channelGroups("maxout", x, pieces), 2);
}
