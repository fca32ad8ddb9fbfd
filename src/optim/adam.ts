/** Adam and AdamW: steps from bias-corrected running averages of the gradient and its square. */
import { kernels } from "../backend/registry.js";
import type { Tensor } from "../tensor/index.js";
import { Optimizer, type BaseHyperParams, type ParamGroup, type ParamGroupOptions, type ParamState } from "./optimizer.js";
import { checkBoolean, checkNumber } from "./validate.js";

export interface AdamOptions extends BaseHyperParams {
  /** Decays (β1, β2) of the running averages of the gradient and of its square. Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to the denominator for stability. Default 1e-8. */
  eps: number;
  /** AMSGrad: divide by the largest second moment seen so far rather than the current one. Default false. */
  amsgrad: boolean;
}

type AdamParams = Iterable<Tensor> | Iterable<ParamGroupOptions<AdamOptions>>;

/**
 * Adam as PyTorch 1.13 defines it: with g = ∇ (+ weightDecay·θ, i.e. L2 regularisation), at step t
 *   m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²;   (amsgrad: v̂ ← max(v̂, v), used in place of v)
 *   θ ← θ − lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + eps).
 * Default lr 0.001.
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: AdamParams, options: Partial<AdamOptions> = {}) {
    super(params, options, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false });
  }

  protected override validate(group: ParamGroup<AdamOptions>): void {
    const { betas } = group;
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new TypeError(`${this.name}: betas must be a pair [beta1, beta2], got ${JSON.stringify(betas)}`);
    }
    checkNumber(this.name, "betas[0]", betas[0], { min: 0, max: 1, maxInclusive: false });
    checkNumber(this.name, "betas[1]", betas[1], { min: 0, max: 1, maxInclusive: false });
    checkNumber(this.name, "eps", group.eps, { min: 0 });
    checkBoolean(this.name, "amsgrad", group.amsgrad);
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<AdamOptions>): void {
    this.fusedStep(param, state, group, 1, group.weightDecay);
  }

  /** One step through the adamStep kernel, θ first multiplied by `shrink`, with `weightDecay` folded into the gradient. */
  protected fusedStep(param: Tensor, state: ParamState, group: ParamGroup<AdamOptions>, shrink: number, weightDecay: number): void {
    const { lr, eps, amsgrad, maximize } = group;
    const [beta1, beta2] = group.betas;
    const step = this.countStep(state);
    const expAvg = this.stateTensor(state, "expAvg", param);
    const expAvgSq = this.stateTensor(state, "expAvgSq", param);
    const maxExpAvgSq = amsgrad ? this.stateTensor(state, "maxExpAvgSq", param) : null;
    kernels().adamStep(param, param.grad!, expAvg, expAvgSq, maxExpAvgSq, {
      lr, weightDecay, maximize, beta1, beta2, eps, shrink,
      stepSize: lr / (1 - beta1 ** step),
      biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** step),
    });
  }
}

/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay — before each Adam step the weights
 * shrink by θ ← θ·(1 − lr·weightDecay), and the decay never enters the moment estimates.
 * Default lr 0.001, weightDecay 0.01.
 */
export class AdamW extends Adam {
  constructor(params: AdamParams, options: Partial<AdamOptions> = {}) {
    super(params, { ...options, weightDecay: options.weightDecay ?? 1e-2 });
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<AdamOptions>): void {
    this.fusedStep(param, state, group, 1 - group.lr * group.weightDecay, 0);
  }
}
