/**
 * Criterions: losses as modules, `forward(input, target)`, each wrapping its nn.functional twin
 * with the options given at construction. Per-class weights are registered as buffers named as in
 * PyTorch (`weight`, `pos_weight`), so they travel in the state dict.
 */
import type { Tensor } from "../tensor/index.js";
import * as F from "./functional/index.js";
import { Module } from "./module.js";
import { gradInputByReplay } from "./torch7.js";

export abstract class Loss extends Module {
  abstract override forward(input: Tensor, target: Tensor): Tensor;

  /**
   * Torch7's criterion contract: dLoss/dInput for this input and target. gradOutput is only needed
   * with reduction "none" (the gradient of whatever consumes the per-element losses).
   */
  override backward(input: Tensor, target: Tensor, gradOutput?: Tensor): Tensor {
    return gradInputByReplay(this.constructor.name, input, (x) => this.forward(x, target), gradOutput);
  }

  protected registerWeights(weights: Record<string, Tensor | undefined>): void {
    for (const [name, w] of Object.entries(weights)) if (w) this.registerBuffer(name, w);
  }
}

/** Cross-entropy from logits with class-index targets (torch.nn.CrossEntropyLoss). */
export class CrossEntropyLoss extends Loss {
  constructor(readonly options: F.CrossEntropyOptions = {}) {
    super();
    this.registerWeights({ weight: options.weight });
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, this.options);
  }
}

/** Negative log-likelihood of class indices under log-probabilities (torch.nn.NLLLoss). */
export class NLLLoss extends Loss {
  constructor(readonly options: F.NLLLossOptions = {}) {
    super();
    this.registerWeights({ weight: options.weight });
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, this.options);
  }
}

/** Multiclass hinge loss (torch.nn.MultiMarginLoss). */
export class MultiMarginLoss extends Loss {
  constructor(readonly options: F.MultiMarginLossOptions = {}) {
    super();
    this.registerWeights({ weight: options.weight });
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(input, target, this.options);
  }
}

/** Binary cross-entropy on logits, numerically stable (torch.nn.BCEWithLogitsLoss). */
export class BCEWithLogitsLoss extends Loss {
  constructor(readonly options: F.BCEWithLogitsOptions = {}) {
    super();
    this.registerWeights({ weight: options.weight, pos_weight: options.posWeight });
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, this.options);
  }
}

/** Mean squared error (torch.nn.MSELoss). */
export class MSELoss extends Loss {
  constructor(readonly options: F.LossOptions = {}) {
    super();
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, this.options);
  }
}

/** Mean absolute error (torch.nn.L1Loss). */
export class L1Loss extends Loss {
  constructor(readonly options: F.LossOptions = {}) {
    super();
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, this.options);
  }
}

/** Huber loss: quadratic near 0, linear beyond delta (torch.nn.HuberLoss). */
export class HuberLoss extends Loss {
  constructor(readonly options: F.HuberLossOptions = {}) {
    super();
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, this.options);
  }
}

/** KL divergence, input as log-probabilities (torch.nn.KLDivLoss); prefer reduction "batchmean". */
export class KLDivLoss extends Loss {
  constructor(readonly options: F.KLDivOptions = {}) {
    super();
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, this.options);
  }
}
