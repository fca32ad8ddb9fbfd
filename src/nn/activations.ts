/** Activation layers: each wraps its nn.functional twin (PReLU also owns its learned slopes). */
import { full } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import * as F from "./functional/activations.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { pyFloat } from "./repr.js";

/** max(0, x). */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return F.relu(x);
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return F.tanh(x);
  }
}

/** 1 / (1 + e^−x). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return F.sigmoid(x);
  }
}

/** |x|. */
export class Abs extends Module {
  forward(x: Tensor): Tensor {
    return F.abs(x);
  }
}

/** x for x > 0, negativeSlope·x otherwise. */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.leakyRelu(x, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
}

/**
 * Leaky ReLU with a learned slope: one shared (numParameters = 1) or one per channel (dimension 1
 * of the input; numParameters = channels). The state-dict key is `weight`, as in PyTorch.
 */
export class PReLU extends Module {
  weight: Parameter;

  constructor(readonly numParameters = 1, init = 0.25) {
    super();
    if (!Number.isInteger(numParameters) || numParameters < 1) throw new RangeError(`PReLU: numParameters must be a positive integer, got ${numParameters}`);
    this.weight = new Parameter(full([numParameters], init));
  }

  forward(x: Tensor): Tensor {
    return F.prelu(x, this.weight);
  }

  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}

/** x for x > 0, alpha·(eˣ − 1) otherwise. */
export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.elu(x, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

/** log(1 + e^(beta·x)) / beta, linear above the threshold. */
export class Softplus extends Module {
  constructor(readonly beta = 1, readonly threshold = 20) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.softplus(x, this.beta, this.threshold);
  }

  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** Soft shrinkage: moves x toward 0 by lambda, and to 0 inside [−lambda, lambda]. */
export class Softshrink extends Module {
  constructor(readonly lambda = 0.5) {
    super();
    if (!(lambda >= 0)) throw new RangeError(`Softshrink: lambda must be non-negative, got ${lambda}`);
  }

  forward(x: Tensor): Tensor {
    return F.softShrink(x, this.lambda);
  }

  override extraRepr(): string {
    return String(this.lambda);
  }
}

/** Softmax along dim (default −1, the last; PyTorch's implicit choice is deprecated, so pass it). */
export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.softmax(x, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** log(softmax(x)) along dim (default −1), computed stably. */
export class LogSoftmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.logSoftmax(x, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
