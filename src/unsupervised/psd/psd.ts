/**
 * Predictive sparse decomposition (Kavukcuoglu, Ranzato & LeCun 2008): sparse coding plus a
 * feed-forward encoder F trained to predict the optimal code, jointly:
 *
 *   E(Y, Z) = ½‖Y − W_d Z‖² + λ‖Z‖₁ + ½α‖Z − F(Y)‖²
 *
 * (the ½ convention of sparse-coder.ts; the paper's energy without halves is twice this one, with
 * its λ twice ours). Learning alternates: Z* by FISTA on this whole energy, warm-started at F(Y);
 * then one optimiser step on W_d (renormalised) and on F. At test time F(Y) alone gives the codes.
 * Energy shaping: sparsity (the encoder only learns to predict what sparse coding infers).
 */
import { noGrad } from "../../autograd/index.js";
import { Module } from "../../nn/index.js";
import type { Optimizer } from "../../optim/index.js";
import type { Tensor } from "../../tensor/index.js";
import type { EnergyModel, EnergyShaping } from "../energy.js";
import { fista } from "../sparse-coding/proximal-gradient.js";
import { activeFraction, type SparseCoder } from "../sparse-coding/sparse-coder.js";
import { guardedStep } from "../../train/guarded-step.js";

export interface PsdOptions {
  /** Weight α of the prediction term (default 1). */
  alpha?: number;
  /** FISTA steps of inference during training (default 50). */
  iterations?: number;
}

export class Psd extends Module implements EnergyModel {
  readonly energyShaping: readonly EnergyShaping[] = ["sparsity"];
  readonly alpha: number;
  readonly iterations: number;

  /** `coder` holds the dictionary and λ; `encoder` maps signals to codes of the coder's shape. */
  constructor(readonly coder: SparseCoder, readonly encoder: Module, { alpha = 1, iterations = 50 }: PsdOptions = {}) {
    super();
    if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new RangeError(`Psd: alpha (the weight of the prediction term) must be a finite number ≥ 0, got ${alpha}`);
    if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`Psd: iterations must be a non-negative integer, got ${iterations}`);
    this.alpha = alpha;
    this.iterations = iterations;
  }

  /** The encoder's codes F(Y): the fast, test-time path. */
  forward(y: Tensor): Tensor {
    return this.encoder.forward(this.coder.signals(y));
  }

  energy(y: Tensor, z: Tensor): Tensor {
    const misfit = z.sub(this.forward(y)).square().reshape([z.shape[0], -1]).sum(1).mul(0.5 * this.alpha);
    return this.coder.energy(y, z).add(misfit);
  }

  /** Z* of the whole energy by FISTA from F(Y) (`iterations` steps, default the model's). */
  infer(y: Tensor, iterations = this.iterations): Tensor {
    const prediction = noGrad(() => this.forward(y));
    return fista(this.coder.problem(y, { alpha: this.alpha, target: prediction }), prediction, { iterations });
  }

  /** One learning step on the batch y: infer Z*, then step the optimiser (over all parameters) on the mean energy. */
  learningStep(y: Tensor, optimizer: Optimizer): { energy: number; predictionError: number; activeFraction: number } {
    const codes = this.infer(y);
    const energy = guardedStep(this.energy(y, codes).mean(), { optimizer, model: this, inputs: [y], where: "PSD learningStep" });
    this.coder.normalizeAtoms_();
    return noGrad(() => ({
      energy,
      predictionError: this.forward(y).sub(codes).square().sum().itemSync() / codes.square().sum().itemSync(),
      activeFraction: activeFraction(codes),
    }));
  }
}
