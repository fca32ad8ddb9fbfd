/** RMSprop: divide the gradient by a running root-mean-square of recent gradients. */
import type { Tensor } from "../tensor/index.js";
import { Optimizer, type BaseHyperParams, type ParamGroup, type ParamGroupOptions, type ParamState } from "./optimizer.js";
import { checkBoolean, checkNumber } from "./validate.js";

export interface RMSpropOptions extends BaseHyperParams {
  /** Decay of the running average of squared gradients. Default 0.99. */
  alpha: number;
  /** Added to the root for stability. Default 1e-8. */
  eps: number;
  /** Momentum factor applied to the scaled gradient. Default 0. */
  momentum: number;
  /** Normalise by an estimate of the gradient's variance (subtract the squared running mean). Default false. */
  centered: boolean;
}

/**
 * RMSprop as PyTorch 1.13 defines it: with g = ∇ (+ weightDecay·θ),
 *   v ← α·v + (1−α)·g²;   centred: m ← α·m + (1−α)·g, a = √(v − m²) + eps; else a = √v + eps;
 *   momentum: b ← μ·b + g/a, θ ← θ − lr·b;  else θ ← θ − lr·g/a.
 * Default lr 0.01.
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<RMSpropOptions>>, options: Partial<RMSpropOptions> = {}) {
    super(params, options, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
  }

  protected override validate(group: ParamGroup<RMSpropOptions>): void {
    checkNumber(this.name, "alpha", group.alpha, { min: 0 });
    checkNumber(this.name, "eps", group.eps, { min: 0 });
    checkNumber(this.name, "momentum", group.momentum, { min: 0 });
    checkBoolean(this.name, "centered", group.centered);
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<RMSpropOptions>): void {
    const g = this.gradientFor(param, group);
    const { lr, alpha, eps, momentum, centered } = group;
    this.countStep(state);
    const squareAvg = this.buffer(state, "squareAvg", param);
    const gradAvg = centered ? this.buffer(state, "gradAvg", param) : null;
    const buf = momentum > 0 ? this.buffer(state, "momentumBuffer", param) : null;
    const p = param.values;
    for (let i = 0; i < p.length; i++) {
      squareAvg[i] = alpha * squareAvg[i] + (1 - alpha) * g[i] * g[i];
      let variance = squareAvg[i];
      if (gradAvg) {
        gradAvg[i] = alpha * gradAvg[i] + (1 - alpha) * g[i];
        variance -= gradAvg[i] * gradAvg[i];
      }
      const scaled = g[i] / (Math.sqrt(variance) + eps);
      if (buf) {
        buf[i] = momentum * buf[i] + scaled;
        p[i] -= lr * buf[i];
      } else {
        p[i] -= lr * scaled;
      }
    }
  }
}
