/** Adadelta: step sizes from the ratio of running averages of squared updates and squared gradients. */
import type { Tensor } from "../tensor/index.js";
import { Optimizer, type BaseHyperParams, type ParamGroup, type ParamGroupOptions, type ParamState } from "./optimizer.js";
import { checkNumber } from "./validate.js";

export interface AdadeltaOptions extends BaseHyperParams {
  /** Decay of the running averages. Default 0.9. */
  rho: number;
  /** Added inside both square roots. Default 1e-6. */
  eps: number;
}

/**
 * Adadelta as PyTorch 1.13 defines it: with g = ∇ (+ weightDecay·θ),
 *   v ← ρ·v + (1−ρ)·g²;   Δ = √(u + eps) / √(v + eps) · g;   u ← ρ·u + (1−ρ)·Δ²;   θ ← θ − lr·Δ.
 * Default lr 1.
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<AdadeltaOptions>>, options: Partial<AdadeltaOptions> = {}) {
    super(params, options, { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false });
  }

  protected override validate(group: ParamGroup<AdadeltaOptions>): void {
    checkNumber(this.name, "rho", group.rho, { min: 0, max: 1 });
    checkNumber(this.name, "eps", group.eps, { min: 0 });
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<AdadeltaOptions>): void {
    const g = this.gradientFor(param, group);
    const { lr, rho, eps } = group;
    this.countStep(state);
    const squareAvg = this.buffer(state, "squareAvg", param);
    const accDelta = this.buffer(state, "accDelta", param);
    const p = param.values;
    for (let i = 0; i < p.length; i++) {
      squareAvg[i] = rho * squareAvg[i] + (1 - rho) * g[i] * g[i];
      const delta = (Math.sqrt(accDelta[i] + eps) / Math.sqrt(squareAvg[i] + eps)) * g[i];
      accDelta[i] = rho * accDelta[i] + (1 - rho) * delta * delta;
      p[i] -= lr * delta;
    }
  }
}
