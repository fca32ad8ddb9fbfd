/** Losses over class scores with one class index per sample: crossEntropy, nllLoss, multiMarginLoss. */
import {
  add, cast, div, flatten, gather, indexSelect, logSoftmax, mul, ne, neg, oneHot, relu, reshape, square, squeeze, sub, sum, unsqueeze, where,
} from "../../ops/index.js";
import { ShapeError, fmtShape, type Tensor } from "../../tensor/index.js";
import { checkClassTarget, checkClassWeight } from "./class-targets.js";
import { checkReduction, reduce, type LossOptions } from "./reduction.js";

export interface NLLLossOptions extends LossOptions {
  /** A weight per class, shape [C]; a weighted "mean" divides by the sum of the targets' weights. */
  weight?: Tensor;
  /** Samples whose target equals this add nothing and do not count in the mean. Default −100, as PyTorch. */
  ignoreIndex?: number;
}

export interface CrossEntropyOptions extends NLLLossOptions {
  /** ε in [0, 1]: the target becomes (1 − ε)·one-hot + ε/C, as PyTorch's label_smoothing. Default 0. */
  labelSmoothing?: number;
}

export interface MultiMarginLossOptions extends LossOptions {
  /** 1 (hinge, default) or 2 (squared hinge). */
  p?: 1 | 2;
  margin?: number;
  /** A weight per class, shape [C], scaling the terms of samples of that class. */
  weight?: Tensor;
}

/** An unbatched [C] input with a scalar target becomes a batch of one. */
function asBatch(input: Tensor, target: Tensor): [Tensor, Tensor] {
  return input.ndim === 1 ? [unsqueeze(input, 0), unsqueeze(target, 0)] : [input, target];
}

/** Per-sample losses of an unbatched input come back without the batch dimension. */
function unbatch(input: Tensor, result: Tensor, reduction: string): Tensor {
  return input.ndim === 1 && reduction === "none" ? squeeze(result, 0) : result;
}

/**
 * −w[y]·logp[y] per sample (0 where the target is ignored), and the weight each sample counts with
 * in a mean. logp is [N, C, d1, …], target [N, d1, …].
 */
function negLogLikelihood(logp: Tensor, target: Tensor, weight: Tensor | undefined, ignoreIndex: number) {
  const keep = ne(target, ignoreIndex);
  const valid = cast(keep, logp.dtype);
  const safeTarget = where(keep, target, 0); // ignored samples look up class 0, then count for nothing
  const picked = squeeze(gather(logp, 1, unsqueeze(safeTarget, 1)), 1);
  const classWeight = weight ? reshape(indexSelect(cast(weight, logp.dtype), 0, flatten(safeTarget)), target.shape) : null;
  const weights = classWeight ? mul(classWeight, valid) : valid;
  return { losses: neg(mul(picked, weights)), weights, valid };
}

/**
 * Negative log-likelihood of class indices under log-probabilities (torch.nn.functional.nll_loss):
 * input [N, C] or [N, C, d1, …] (or unbatched [C]), target int32 [N] or [N, d1, …].
 */
export function nllLoss(input: Tensor, target: Tensor, options: NLLLossOptions = {}): Tensor {
  const { weight, ignoreIndex = -100, reduction = "mean" } = options;
  checkReduction("nllLoss", reduction);
  checkClassTarget("nllLoss", input, target, ignoreIndex);
  const [x, y] = asBatch(input, target);
  checkClassWeight("nllLoss", weight, x.shape[1]);
  const { losses, weights } = negLogLikelihood(x, y, weight, ignoreIndex);
  return unbatch(input, reduce("nllLoss", losses, reduction, weights), reduction);
}

/**
 * Cross-entropy of class indices under unnormalised scores (torch.nn.functional.cross_entropy):
 * logSoftmax over dimension 1 then nllLoss, optionally with label smoothing.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const { weight, ignoreIndex = -100, reduction = "mean", labelSmoothing = 0 } = options;
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new RangeError(`crossEntropy: labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  checkReduction("crossEntropy", reduction);
  checkClassTarget("crossEntropy", input, target, ignoreIndex);
  const [x, y] = asBatch(input, target);
  const classes = x.shape[1];
  checkClassWeight("crossEntropy", weight, classes);
  const logp = logSoftmax(x, 1);
  const { losses, weights, valid } = negLogLikelihood(logp, y, weight, ignoreIndex);
  let total = losses;
  if (labelSmoothing > 0) {
    // the ε/C share of the target is uniform: its cross-entropy is −Σ_c w_c·logp_c per sample
    const classShape = [classes, ...Array<number>(x.ndim - 2).fill(1)];
    const weighted = weight ? mul(logp, reshape(cast(weight, logp.dtype), classShape)) : logp;
    const uniform = neg(mul(sum(weighted, 1), valid));
    total = add(mul(losses, 1 - labelSmoothing), mul(uniform, labelSmoothing / classes));
  }
  return unbatch(input, reduce("crossEntropy", total, reduction, weights), reduction);
}

/**
 * Multiclass hinge loss (torch.nn.MultiMarginLoss): per sample, Σ_{j≠y} max(0, margin − x[y] + x[j])^p / C.
 * input [N, C] or [C], target int32 [N] or [].
 */
export function multiMarginLoss(input: Tensor, target: Tensor, options: MultiMarginLossOptions = {}): Tensor {
  const { p = 1, margin = 1, weight, reduction = "mean" } = options;
  if (p !== 1 && p !== 2) throw new RangeError(`multiMarginLoss: p must be 1 or 2, got ${p}`);
  if (input.ndim > 2) throw new ShapeError(`multiMarginLoss: input must be [C] or [N, C], got shape ${fmtShape(input.shape)}`);
  checkReduction("multiMarginLoss", reduction);
  checkClassTarget("multiMarginLoss", input, target);
  const [x, y] = asBatch(input, target);
  const classes = x.shape[1];
  checkClassWeight("multiMarginLoss", weight, classes);
  const margins = relu(add(sub(x, gather(x, 1, unsqueeze(y, 1))), margin));
  const terms = p === 2 ? square(margins) : margins;
  const weighted = weight ? mul(terms, unsqueeze(indexSelect(cast(weight, x.dtype), 0, y), 1)) : terms;
  const others = sub(1, oneHot(y, classes, x.dtype)); // the target's own column is not a violation
  const losses = div(sum(mul(weighted, others), 1), classes);
  return unbatch(input, reduce("multiMarginLoss", losses, reduction), reduction);
}
