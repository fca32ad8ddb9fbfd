/** Losses comparing an input with a target of the same shape: mseLoss, l1Loss, huberLoss, smoothL1Loss,
 * euclideanLoss. */
import { abs, mul, square, sub, sum, where, lt } from "../../ops/index.js";
import { ShapeError, type Tensor } from "../../tensor/index.js";
import { checkPairedTarget, reduce, type LossOptions } from "./reduction.js";

export interface HuberLossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear. Default 1. */
  delta?: number;
}

/** Mean squared error (torch.nn.functional.mse_loss). */
export function mseLoss(input: Tensor, target: Tensor, { reduction = "mean" }: LossOptions = {}): Tensor {
  checkPairedTarget("mseLoss", input, target);
  return reduce("mseLoss", square(sub(input, target)), reduction);
}

/** Mean absolute error (torch.nn.functional.l1_loss). */
export function l1Loss(input: Tensor, target: Tensor, { reduction = "mean" }: LossOptions = {}): Tensor {
  checkPairedTarget("l1Loss", input, target);
  return reduce("l1Loss", abs(sub(input, target)), reduction);
}

/** Huber loss: ½d² where |d| < delta, delta·(|d| − ½delta) beyond (torch.nn.functional.huber_loss). */
export function huberLoss(input: Tensor, target: Tensor, { reduction = "mean", delta = 1 }: HuberLossOptions = {}): Tensor {
  if (!(delta > 0)) throw new RangeError(`huberLoss: delta must be positive, got ${delta}`);
  checkPairedTarget("huberLoss", input, target);
  return reduce("huberLoss", huberTerms(sub(input, target), delta), reduction);
}

export interface SmoothL1LossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear; 0 makes it l1Loss. Default 1. */
  beta?: number;
}

/**
 * Smooth L1 loss: ½d²/beta where |d| < beta, |d| − ½beta beyond (torch.nn.functional.smooth_l1_loss);
 * Huber's loss with delta = beta, divided by beta, so its slope is at most 1 whatever beta.
 */
export function smoothL1Loss(input: Tensor, target: Tensor, { reduction = "mean", beta = 1 }: SmoothL1LossOptions = {}): Tensor {
  if (!(beta >= 0)) throw new RangeError(`smoothL1Loss: beta must be non-negative, got ${beta}`);
  checkPairedTarget("smoothL1Loss", input, target);
  const d = sub(input, target);
  return reduce("smoothL1Loss", beta === 0 ? abs(d) : mul(huberTerms(d, beta), 1 / beta), reduction);
}

/** ½d² where |d| < delta, delta·(|d| − ½delta) beyond. */
function huberTerms(d: Tensor, delta: number): Tensor {
  const size = abs(d);
  return where(lt(size, delta), mul(square(d), 0.5), mul(sub(size, 0.5 * delta), delta));
}

/**
 * The Euclidean criterion ½‖x − y‖² (Caffe's EuclideanLoss; Torch7's MSECriterion without its
 * division by the element count). The first dimension indexes samples: each sample's loss is ½ the
 * squared distance summed over all its other dimensions (a 1-D input is one value per sample).
 * The reduction then runs over samples: "mean" (default) is Σ_n ½‖x_n − y_n‖² / N, "sum" the
 * total, "none" the [N] per-sample losses.
 */
export function euclideanLoss(input: Tensor, target: Tensor, { reduction = "mean" }: LossOptions = {}): Tensor {
  checkPairedTarget("euclideanLoss", input, target);
  if (input.ndim === 0) throw new ShapeError("euclideanLoss: input must be [N, …] with a sample dimension first, got a scalar");
  const sampleAxes = Array.from({ length: input.ndim - 1 }, (_, i) => i + 1);
  const squared = square(sub(input, target));
  const perSample = sampleAxes.length > 0 ? sum(squared, sampleAxes) : squared;
  return reduce("euclideanLoss", mul(perSample, 0.5), reduction);
}
