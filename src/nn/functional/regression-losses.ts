/** Losses comparing an input with a target of the same shape: mseLoss, l1Loss, huberLoss. */
import { abs, mul, square, sub, where, lt } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
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
  const d = sub(input, target);
  const size = abs(d);
  const losses = where(lt(size, delta), mul(square(d), 0.5), mul(sub(size, 0.5 * delta), delta));
  return reduce("huberLoss", losses, reduction);
}
