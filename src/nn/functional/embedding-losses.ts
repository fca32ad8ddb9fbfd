/**
 * Losses on pairs and triplets of embeddings: cosineEmbeddingLoss, tripletMarginLoss and the
 * contrastive loss of Hadsell, Chopra & LeCun (2006). Embeddings are [N, D] (or one [D]); the
 * per-sample losses, [N] (or a scalar), are reduced as the options say.
 */
import { abs, add, cast, clamp, div, eq, gt, minimum, mul, pow, sqrt, square, sub, sum, where } from "../../ops/index.js";
import { fmtShape, sameShape, ShapeError, type Tensor } from "../../tensor/index.js";
import { checkReduction, reduce, type LossOptions } from "./reduction.js";

export interface CosineEmbeddingLossOptions extends LossOptions {
  /** Dissimilar pairs cost cos − margin above margin. Default 0 (PyTorch suggests 0 to 0.5). */
  margin?: number;
}

export interface TripletMarginLossOptions extends LossOptions {
  /** Required gap between the anchor's distance to the negative and to the positive. Default 1. */
  margin?: number;
  /** The norm of the distances. Default 2. */
  p?: number;
  /** Added to each difference before its norm, as PyTorch's pairwise_distance. Default 1e-6. */
  eps?: number;
  /** Use the positive's distance to the negative when that is smaller (Balntas et al. 2016). Default false. */
  swap?: boolean;
}

export interface ContrastiveLossOptions extends LossOptions {
  /** Dissimilar pairs closer than margin are pushed apart. Default 1. */
  margin?: number;
}

/** Embeddings of one shape, [N, D] or [D], and labels [N] or [] to go with them. */
function checkEmbeddings(op: string, embeddings: [string, Tensor][], label?: Tensor): void {
  const [[firstName, first], ...rest] = embeddings;
  if (first.ndim !== 1 && first.ndim !== 2) throw new ShapeError(`${op}: ${firstName} must be [N, D] or [D], got shape ${fmtShape(first.shape)}`);
  for (const [name, t] of rest) {
    if (!sameShape(t.shape, first.shape)) throw new ShapeError(`${op}: ${name} of shape ${fmtShape(t.shape)} must have ${firstName}'s shape ${fmtShape(first.shape)}`);
  }
  const batch = first.shape.slice(0, -1);
  if (label && !sameShape(label.shape, batch)) {
    throw new ShapeError(`${op}: target must have shape ${fmtShape(batch)} (one label per pair of ${fmtShape(first.shape)} embeddings), got ${fmtShape(label.shape)}`);
  }
}

/** ‖d‖_p along the last dimension. */
function pNorm(d: Tensor, p: number): Tensor {
  if (p === 2) return sqrt(sum(square(d), -1));
  if (p === 1) return sum(abs(d), -1);
  return pow(sum(pow(abs(d), p), -1), 1 / p);
}

/**
 * 1 − cos(x1, x2) for pairs labelled 1, max(0, cos − margin) for pairs labelled −1
 * (torch.nn.functional.cosine_embedding_loss; the norms get PyTorch's 1e-12 under the root).
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, options: CosineEmbeddingLossOptions = {}): Tensor {
  const { margin = 0, reduction = "mean" } = options;
  checkReduction("cosineEmbeddingLoss", reduction);
  checkEmbeddings("cosineEmbeddingLoss", [["input1", input1], ["input2", input2]], target);
  const squaredNorms = mul(add(sum(square(input1), -1), 1e-12), add(sum(square(input2), -1), 1e-12));
  const cos = div(sum(mul(input1, input2), -1), sqrt(squaredNorms));
  const losses = add(where(eq(target, 1), sub(1, cos), 0), where(eq(target, -1), clamp(sub(cos, margin), 0), 0));
  return reduce("cosineEmbeddingLoss", losses, reduction);
}

/**
 * max(0, margin + d(a, p) − d(a, n)), d(x, y) = ‖x − y + eps‖_p (torch.nn.functional.triplet_margin_loss).
 * At the hinge itself the gradient passes, as PyTorch's clamp_min.
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options: TripletMarginLossOptions = {}): Tensor {
  const { margin = 1, p = 2, eps = 1e-6, swap = false, reduction = "mean" } = options;
  if (!(p > 0)) throw new RangeError(`tripletMarginLoss: p must be positive, got ${p}`);
  checkReduction("tripletMarginLoss", reduction);
  checkEmbeddings("tripletMarginLoss", [["anchor", anchor], ["positive", positive], ["negative", negative]]);
  const distance = (x: Tensor, y: Tensor) => pNorm(add(sub(x, y), eps), p);
  const toNegative = distance(anchor, negative);
  const hardest = swap ? minimum(toNegative, distance(positive, negative)) : toNegative;
  return reduce("tripletMarginLoss", clamp(add(sub(distance(anchor, positive), hardest), margin), 0), reduction);
}

/**
 * The contrastive loss of Hadsell, Chopra & LeCun (2006), "Dimensionality reduction by learning an
 * invariant mapping": L = (1 − Y)·½D² + Y·½max(0, margin − D)², D = ‖x1 − x2‖₂.
 * Label convention, the paper's: Y = 0 for a similar pair (pulled together), Y = 1 for a
 * dissimilar one (pushed to at least margin apart). target holds 0/1 (int32 or float). At D = 0
 * the gradient of D is taken as 0 (so identical pairs give finite gradients).
 */
export function contrastiveLoss(input1: Tensor, input2: Tensor, target: Tensor, options: ContrastiveLossOptions = {}): Tensor {
  const { margin = 1, reduction = "mean" } = options;
  checkReduction("contrastiveLoss", reduction);
  checkEmbeddings("contrastiveLoss", [["input1", input1], ["input2", input2]], target);
  const bad = target.values.findIndex((y) => y !== 0 && y !== 1);
  if (bad >= 0) throw new RangeError(`contrastiveLoss: target must be 0 (similar) or 1 (dissimilar), got ${target.values[bad]} at flat index ${bad}`);
  const squared = sum(square(sub(input1, input2)), -1);
  const apart = gt(squared, 0);
  const distance = where(apart, sqrt(where(apart, squared, 1)), 0);
  const y = cast(target, input1.dtype);
  const similar = mul(sub(1, y), mul(squared, 0.5));
  const dissimilar = mul(y, mul(square(clamp(sub(margin, distance), 0)), 0.5));
  return reduce("contrastiveLoss", add(similar, dissimilar), reduction);
}
