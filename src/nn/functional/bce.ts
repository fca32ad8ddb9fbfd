/** Binary cross-entropy on probabilities (torch.nn.functional.binary_cross_entropy). */
import { add, gt, log, mul, neg, sub, where } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { checkPairedTarget, reduce, type LossOptions } from "./reduction.js";

export interface BCELossOptions extends LossOptions {
  /** Multiplies each element's loss; broadcast against the input. */
  weight?: Tensor;
}

/** PyTorch clamps each log at −100, so a probability of exactly 0 or 1 costs at most 100, not infinity. */
const LOG_FLOOR = -100;

/**
 * max(log p, −100), with gradient 1/p above the floor and 0 on it. p = 0 never reaches log (its
 * 1/p gradient would make 0·∞ = NaN); e^−100 underflows float32 to denormals, so the floor is hit there only.
 */
function flooredLog(p: Tensor): Tensor {
  const above = gt(p, Math.exp(LOG_FLOOR));
  return where(above, log(where(above, p, 1)), LOG_FLOOR);
}

/**
 * −weight·[t·log p + (1 − t)·log(1 − p)] for probabilities p in [0, 1] and targets t in [0, 1], each
 * log clamped at −100 as PyTorch does. For logits use binaryCrossEntropyWithLogits, which is exact
 * where this one saturates. At p exactly 0 or 1 the gradient differs from PyTorch's (which divides
 * by max(p(1 − p), 1e−12)): here it is the clamped log's, 0 for the floored term.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, { reduction = "mean", weight }: BCELossOptions = {}): Tensor {
  checkPairedTarget("binaryCrossEntropy", input, target);
  const outside = input.values.findIndex((p) => !(p >= 0 && p <= 1));
  if (outside >= 0) {
    throw new RangeError(`binaryCrossEntropy: input must hold probabilities in [0, 1], got ${input.values[outside]} at flat index ${outside}; for logits use binaryCrossEntropyWithLogits`);
  }
  const losses = neg(add(mul(target, flooredLog(input)), mul(sub(1, target), flooredLog(sub(1, input)))));
  return reduce("binaryCrossEntropy", weight ? mul(losses, weight) : losses, reduction);
}
