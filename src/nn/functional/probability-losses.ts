/** Losses on probabilities: binaryCrossEntropyWithLogits and klDiv. */
import { add, div, exp, gt, log, mul, neg, softplus, sub, sum, where } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { checkPairedTarget, checkReduction, reduce, type Reduction } from "./reduction.js";

export interface BCEWithLogitsOptions {
  reduction?: Reduction;
  /** Multiplies each element's loss; broadcast against the input. */
  weight?: Tensor;
  /** Weight of the positive term, one per class (broadcast along the last dimension), as PyTorch's pos_weight. */
  posWeight?: Tensor;
}

export interface KLDivOptions {
  /** "mean" (PyTorch's default: over every element), "batchmean" (the true KL: sum / batch size), "sum" or "none". */
  reduction?: Reduction | "batchmean";
  /** The target is given as log-probabilities. Default false. */
  logTarget?: boolean;
}

/**
 * Binary cross-entropy of targets in [0, 1] under logits x (torch.nn.functional.binary_cross_entropy_with_logits):
 * −[pw·t·log σ(x) + (1 − t)·log(1 − σ(x))], written as (1 − t)·softplus(x) + pw·t·softplus(−x): two
 * non-negative terms, so nothing overflows or cancels, and the gradient, (1 − t)·σ(x) − pw·t·σ(−x), is exact
 * everywhere (a max/abs form would get it wrong at x = 0).
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BCEWithLogitsOptions = {}): Tensor {
  const { reduction = "mean", weight, posWeight } = options;
  checkPairedTarget("binaryCrossEntropyWithLogits", input, target);
  const positive = posWeight ? mul(posWeight, target) : target;
  const losses = add(mul(sub(1, target), softplus(input)), mul(positive, softplus(neg(input))));
  return reduce("binaryCrossEntropyWithLogits", weight ? mul(losses, weight) : losses, reduction);
}

/**
 * Kullback–Leibler divergence KL(target ‖ input) with input as log-probabilities
 * (torch.nn.functional.kl_div): target·(log target − input) pointwise, 0 where target = 0.
 */
export function klDiv(input: Tensor, target: Tensor, options: KLDivOptions = {}): Tensor {
  const { reduction = "mean", logTarget = false } = options;
  checkReduction("klDiv", reduction, ["mean", "batchmean", "sum", "none"]);
  checkPairedTarget("klDiv", input, target);
  const pointwise = logTarget
    ? mul(exp(target), sub(target, input))
    : // log(1) stands in at target = 0 so that 0·log 0 is 0 with a finite gradient
      mul(target, sub(log(where(gt(target, 0), target, 1)), input));
  if (reduction === "batchmean") return input.ndim === 0 ? sum(pointwise) : div(sum(pointwise), input.shape[0]);
  return reduce("klDiv", pointwise, reduction);
}
