/**
 * PSD's feed-forward predictors of the sparse code: F(Y) = D·tanh(W_e Y + b), D a learned gain per
 * code unit (per code map for the convolutional one), as in Kavukcuoglu, Ranzato & LeCun (2008).
 */
import { Conv2d, Linear, Module, Parameter } from "../../nn/index.js";
import { ones } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";

/** D·tanh(Y W_eᵀ + b) for samples Y [N, D] → codes [N, K]. */
export class TanhEncoder extends Module {
  linear: Linear;
  /** D [K]. */
  gain: Parameter;

  constructor(features: number, codeSize: number) {
    super();
    this.linear = new Linear(features, codeSize);
    this.gain = new Parameter(ones([codeSize]));
  }

  forward(y: Tensor): Tensor {
    return this.linear.forward(y).tanh().mul(this.gain);
  }
}

/**
 * D·tanh(W_e ∗ Y + b) for images Y [N, C, H, W] → code maps [N, K, H + s − 1, W + s − 1] (the
 * "full" size a convolutional sparse code of s×s filters has).
 */
export class ConvTanhEncoder extends Module {
  conv: Conv2d;
  /** D [K, 1, 1]. */
  gain: Parameter;

  constructor(channels: number, maps: number, kernelSize: number) {
    super();
    this.conv = new Conv2d(channels, maps, kernelSize, { padding: kernelSize - 1 });
    this.gain = new Parameter(ones([maps, 1, 1]));
  }

  forward(y: Tensor): Tensor {
    return this.conv.forward(y).tanh().mul(this.gain);
  }
}
