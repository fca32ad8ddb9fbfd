/** Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay. */
import { kernels } from "../backend/registry.js";
import type { Tensor } from "../tensor/index.js";
import { Optimizer, type BaseHyperParams, type ParamGroup, type ParamGroupOptions, type ParamState } from "./optimizer.js";
import { checkBoolean, checkNumber } from "./validate.js";

export interface SGDOptions extends BaseHyperParams {
  /** Momentum factor μ (0 = plain SGD). Default 0. */
  momentum: number;
  /** How much of each new gradient the momentum buffer takes is 1 − dampening. Default 0. */
  dampening: number;
  /** Nesterov momentum: step along g + μ·buffer instead of the buffer. Default false. */
  nesterov: boolean;
}

/**
 * SGD as PyTorch 1.13 defines it. With g = ∇ (+ weightDecay·θ), and on the first step b = g:
 *   b ← μ·b + (1 − dampening)·g;   d = nesterov ? g + μ·b : b;   θ ← θ − lr·d.
 * lr has no default: give it in the options or in every parameter group.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<SGDOptions>>, options: Partial<SGDOptions> = {}) {
    super(params, options, { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false });
  }

  protected override validate(group: ParamGroup<SGDOptions>): void {
    checkNumber(this.name, "momentum", group.momentum, { min: 0 });
    checkNumber(this.name, "dampening", group.dampening);
    checkBoolean(this.name, "nesterov", group.nesterov);
    if (group.nesterov && (group.momentum <= 0 || group.dampening !== 0)) {
      throw new RangeError(`${this.name}: nesterov needs momentum > 0 and dampening 0, got momentum ${group.momentum} and dampening ${group.dampening}`);
    }
  }

  protected override updateParam(param: Tensor, state: ParamState, group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, nesterov, weightDecay, maximize } = group;
    const first = !("momentumBuffer" in state);
    const buffer = momentum === 0 ? null : this.stateTensor(state, "momentumBuffer", param);
    kernels().sgdStep(param, param.grad!, buffer, { lr, momentum, dampening, nesterov, weightDecay, maximize, first });
  }

}
