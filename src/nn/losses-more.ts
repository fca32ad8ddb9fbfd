/**
 * More criterions (issue 15), each wrapping its nn.functional twin: BCELoss, SmoothL1Loss and
 * EuclideanLoss compare an input with a target; CosineEmbeddingLoss, ContrastiveLoss (pairs and a
 * label) and TripletMarginLoss (anchor, positive, negative) take three tensors.
 */
import type { Tensor } from "../tensor/index.js";
import { binaryCrossEntropy, type BCELossOptions } from "./functional/bce.js";
import * as E from "./functional/embedding-losses.js";
import { euclideanLoss, smoothL1Loss, type SmoothL1LossOptions } from "./functional/regression-losses.js";
import type { LossOptions } from "./functional/reduction.js";
import { Loss } from "./losses.js";
import { Module } from "./module.js";

/** Binary cross-entropy on probabilities, each log clamped at −100 (torch.nn.BCELoss). */
export class BCELoss extends Loss {
  constructor(readonly options: BCELossOptions = {}) {
    super();
    this.registerWeights({ weight: options.weight });
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options);
  }
}

/** Quadratic below beta, linear beyond, slope at most 1 (torch.nn.SmoothL1Loss). */
export class SmoothL1Loss extends Loss {
  constructor(readonly options: SmoothL1LossOptions = {}) {
    super();
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, this.options);
  }
}

/** ½‖x_n − y_n‖² per sample (first dimension), averaged over samples by default; see nn.functional.euclideanLoss. */
export class EuclideanLoss extends Loss {
  constructor(readonly options: LossOptions = {}) {
    super();
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return euclideanLoss(input, target, this.options);
  }
}

/** 1 − cos for pairs labelled 1, max(0, cos − margin) for pairs labelled −1 (torch.nn.CosineEmbeddingLoss). */
export class CosineEmbeddingLoss extends Module {
  constructor(readonly options: E.CosineEmbeddingLossOptions = {}) {
    super();
  }

  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return E.cosineEmbeddingLoss(input1, input2, target, this.options);
  }
}

/** max(0, margin + d(a, p) − d(a, n)) (torch.nn.TripletMarginLoss). */
export class TripletMarginLoss extends Module {
  constructor(readonly options: E.TripletMarginLossOptions = {}) {
    super();
  }

  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return E.tripletMarginLoss(anchor, positive, negative, this.options);
  }
}

/**
 * Hadsell, Chopra & LeCun's contrastive loss, (1 − Y)·½D² + Y·½max(0, margin − D)²; as in the
 * paper, Y = 0 marks a similar pair and Y = 1 a dissimilar one. PyTorch has no such loss.
 */
export class ContrastiveLoss extends Module {
  constructor(readonly options: E.ContrastiveLossOptions = {}) {
    super();
  }

  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return E.contrastiveLoss(input1, input2, target, this.options);
  }
}
