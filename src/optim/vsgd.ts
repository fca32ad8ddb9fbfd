/**
 * vSGD-l (Schaul, Zhang & LeCun, "No more pesky learning rates", ICML 2013, Algorithm 1): SGD whose
 * per-weight rate is the one that minimises the expected loss after the step on a local quadratic,
 * ηᵢ* = ḡᵢ² / (h̄ᵢ · v̄ᵢ), from moving averages of the gradient ḡ, its square v̄ and the curvature h̄,
 * each over a memory τᵢ that adapts: τᵢ ← (1 − ḡᵢ²/v̄ᵢ)·τᵢ + 1 (short when the gradient is steady,
 * long when it is noise). The curvature is the Hutchinson estimate of curvature.ts in place of the
 * paper's bbprop. Slow start (§4): the first step sets ḡ = g, v̄ = c·g² (c > 1 overestimates the
 * variance, so the first rates are small) and h̄ = h, with τ = tau0.
 */
import type { Tensor } from "../tensor/index.js";
import { CurvatureOptimizer } from "./curvature-optimizer.js";
import type { BaseHyperParams, ParamGroup, ParamGroupOptions, ParamState } from "./optimizer.js";
import { checkNumber } from "./validate.js";

export interface VSGDOptions extends BaseHyperParams {
  /** A factor on every rate, 1 for the paper's method (a scheduler may lower it). Default 1. */
  lr: number;
  /** The slow start's overestimate of the gradient's second moment. Default 10. */
  c: number;
  /** The moving averages' first memory, in steps. Default 2. */
  tau0: number;
  /** Added to h̄ and v̄ where they are 0 (a weight that never had a gradient or curvature). Default 1e-12. */
  eps: number;
}

/** No learning rate to tune; step() needs gradients from loss.backward(undefined, { createGraph: true }). state.rate holds each weight's last ηᵢ*. */
export class VSGD extends CurvatureOptimizer<VSGDOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<VSGDOptions>>, options: Partial<VSGDOptions> = {}) {
    super(params, options, { lr: 1, c: 10, tau0: 2, eps: 1e-12, weightDecay: 0, maximize: false });
  }

  protected override validate(group: ParamGroup<VSGDOptions>): void {
    checkNumber(this.name, "c", group.c, { min: 1 });
    checkNumber(this.name, "tau0", group.tau0, { min: 1 });
    checkNumber(this.name, "eps", group.eps, { min: 0, minInclusive: false });
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<VSGDOptions>): void {
    const { lr, c, tau0, eps } = group;
    const g = this.gradientFor(param, group);
    const h = this.curvatureOf(param);
    const first = !("tau" in state);
    const [gBar, vBar, hBar, tau, rate] = ["gBar", "vBar", "hBar", "tau", "rate"].map((key) => this.buffer(state, key, param));
    const w = param.values;
    for (let i = 0; i < w.length; i++) {
      if (first) {
        gBar[i] = g[i];
        vBar[i] = c * g[i] * g[i];
        hBar[i] = h[i];
        tau[i] = tau0;
      } else {
        const a = 1 / tau[i];
        gBar[i] = (1 - a) * gBar[i] + a * g[i];
        vBar[i] = (1 - a) * vBar[i] + a * g[i] * g[i];
        hBar[i] = (1 - a) * hBar[i] + a * h[i];
      }
      const v = vBar[i] + eps;
      rate[i] = (gBar[i] * gBar[i]) / ((hBar[i] + eps) * v);
      tau[i] = (1 - (gBar[i] * gBar[i]) / v) * tau[i] + 1;
      w[i] -= lr * rate[i] * g[i];
    }
  }
}
