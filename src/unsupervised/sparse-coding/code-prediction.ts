/** Training a learned encoder (LISTA, LCoD, PSD's predictor) to output given target codes, and the error it is judged by. */
import { noGrad } from "../../autograd/index.js";
import type { Module } from "../../nn/index.js";
import type { Optimizer } from "../../optim/index.js";
import type { Generator, Tensor } from "../../tensor/index.js";
import { forEachBatch } from "./dictionary-learning.js";
import { guardedStep } from "../../train/guarded-step.js";

/** Relative code-prediction error Σ‖Z_pred − Z*‖² / Σ‖Z*‖² over all samples. */
export function relativeCodeError(predicted: Tensor, target: Tensor): number {
  return noGrad(() => predicted.sub(target).square().sum().itemSync() / target.square().sum().itemSync());
}

/**
 * One epoch of fitting model(y) to the codes zStar ([N, K], rows matching y's), loss ½‖Z_pred − Z*‖²
 * averaged over samples; returns the epoch's mean loss.
 */
export function codePredictionEpoch(model: Module, y: Tensor, zStar: Tensor, optimizer: Optimizer, options: { batchSize: number; generator?: Generator }): number {
  return forEachBatch([y, zStar], options, (signals, codes) => {
    const loss = model.forward(signals).sub(codes).square().sum(1).mean().mul(0.5);
    return { loss: guardedStep(loss, { optimizer, model, inputs: [signals, codes], where: "codePredictionEpoch" }) };
  }).loss;
}
