/** Adagrad: per-coordinate step sizes shrinking with the sum of squared gradients seen so far. */
import type { Tensor } from "../tensor/index.js";
import { Optimizer, type BaseHyperParams, type ParamGroup, type ParamGroupOptions, type ParamState } from "./optimizer.js";
import { checkNumber } from "./validate.js";

export interface AdagradOptions extends BaseHyperParams {
  /** lr at step t is lr / (1 + (t − 1)·lrDecay). Default 0. */
  lrDecay: number;
  /** Starting value of the sum of squares. Default 0. */
  initialAccumulatorValue: number;
  /** Added to the root of the sum for stability. Default 1e-10. */
  eps: number;
}

/**
 * Adagrad as PyTorch 1.13 defines it: with g = ∇ (+ weightDecay·θ),
 *   s ← s + g²;   θ ← θ − lr/(1 + (t−1)·lrDecay) · g / (√s + eps).
 * Default lr 0.01.
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<AdagradOptions>>, options: Partial<AdagradOptions> = {}) {
    super(params, options, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false });
  }

  protected override validate(group: ParamGroup<AdagradOptions>): void {
    checkNumber(this.name, "lrDecay", group.lrDecay, { min: 0 });
    checkNumber(this.name, "initialAccumulatorValue", group.initialAccumulatorValue, { min: 0 });
    checkNumber(this.name, "eps", group.eps, { min: 0 });
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<AdagradOptions>): void {
    const g = this.gradientFor(param, group);
    const step = this.countStep(state);
    const clr = group.lr / (1 + (step - 1) * group.lrDecay);
    const sum = this.buffer(state, "sum", param, group.initialAccumulatorValue);
    const p = param.values;
    for (let i = 0; i < p.length; i++) {
      sum[i] += g[i] * g[i];
      p[i] -= (clr * g[i]) / (Math.sqrt(sum[i]) + group.eps);
    }
  }
}
