/**
 * Stochastic diagonal Levenberg–Marquardt (LeCun, Bottou, Orr & Müller, "Efficient BackProp",
 * 1998, §9.1): SGD with one learning rate per weight, ηᵢ = ε / (⟨∂²E/∂wᵢ²⟩ + μ), where ⟨·⟩ is a
 * running average of the diagonal curvature, ⟨h⟩ ← (1 − γ)⟨h⟩ + γ·h, and μ keeps the step
 * bounded where the curvature is small. The paper backpropagates a Gauss–Newton diagonal; here h is
 * the Hutchinson estimate of curvature.ts, measured every step.
 */
import type { Tensor } from "../tensor/index.js";
import { CurvatureOptimizer } from "./curvature-optimizer.js";
import type { BaseHyperParams, ParamGroup, ParamGroupOptions, ParamState } from "./optimizer.js";
import { checkNumber } from "./validate.js";

export interface SDLMOptions extends BaseHyperParams {
  /** μ, added to the curvature. Default 0.1. */
  mu: number;
  /** γ, the running average's rate. Default 0.05. */
  gamma: number;
}

/** lr is the paper's global ε and has no default; step() needs gradients from loss.backward(undefined, { createGraph: true }). */
export class SDLM extends CurvatureOptimizer<SDLMOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<SDLMOptions>>, options: Partial<SDLMOptions> = {}) {
    super(params, options, { mu: 0.1, gamma: 0.05, weightDecay: 0, maximize: false });
  }

  protected override validate(group: ParamGroup<SDLMOptions>): void {
    checkNumber(this.name, "mu", group.mu, { min: 0, minInclusive: false });
    checkNumber(this.name, "gamma", group.gamma, { min: 0, max: 1, minInclusive: false });
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<SDLMOptions>): void {
    const { lr, mu, gamma } = group;
    const g = this.gradientFor(param, group);
    const h = this.curvatureOf(param);
    const first = !("curvature" in state);
    const average = this.buffer(state, "curvature", param);
    const w = param.values;
    for (let i = 0; i < w.length; i++) {
      average[i] = first ? h[i] : (1 - gamma) * average[i] + gamma * h[i];
      w[i] -= (lr / (average[i] + mu)) * g[i];
    }
  }
}
