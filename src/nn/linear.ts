/** Linear (fully connected) layer. */
import { zeros } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { linear, linearRelu } from "./functional/layers.js";
import { linearDefault_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { pyBool } from "./repr.js";

export interface LinearOptions {
  /** Learn an additive bias. Default true. */
  bias?: boolean;
}

function checkFeatures(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${n}`);
}

/**
 * y = x·Wᵀ + b on the last dimension of x. weight is [outFeatures, inFeatures] and bias
 * [outFeatures], as in PyTorch, initialised the way PyTorch does (U(±1/√inFeatures) for both).
 */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, { bias = true }: LinearOptions = {}) {
    super();
    checkFeatures("inFeatures", inFeatures);
    checkFeatures("outFeatures", outFeatures);
    this.weight = new Parameter(zeros([outFeatures, inFeatures]));
    this.bias = bias ? new Parameter(zeros([outFeatures])) : null;
    linearDefault_(this.weight, this.bias);
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  /** relu(forward(x)) in one fused kernel: what Sequential runs for this layer followed by a ReLU. */
  forwardRelu(x: Tensor): Tensor {
    return linearRelu(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
