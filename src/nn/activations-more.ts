/** More activation layers (issue 15), each wrapping its nn.functional twin in activations-more.ts. */
import type { Tensor } from "../tensor/index.js";
import * as F from "./functional/activations-more.js";
import { Module } from "./module.js";
import { pyFloat } from "./repr.js";

/** The base of a layer without settings or parameters that applies fn (each subclass keeps its own name). */
function applying(fn: (x: Tensor) => Tensor) {
  return class extends Module {
    forward(x: Tensor): Tensor {
      return fn(x);
    }
  };
}

/** x·Φ(x); approximate "tanh" uses the tanh form. */
export class GELU extends Module {
  constructor(readonly approximate: F.GeluApproximation = "none") {
    super();
    if (approximate !== "none" && approximate !== "tanh") throw new TypeError(`GELU: approximate must be "none" or "tanh", got ${JSON.stringify(approximate)}`);
  }

  forward(x: Tensor): Tensor {
    return F.gelu(x, this.approximate);
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** x·σ(x). */
export class SiLU extends applying(F.silu) {}

/** Self-normalising ELU: scale·elu(x, alpha) with fixed constants. */
export class SELU extends applying(F.selu) {}

/** x limited to [minVal, maxVal] (defaults −1, 1). */
export class Hardtanh extends Module {
  constructor(readonly minVal = -1, readonly maxVal = 1) {
    super();
    if (!(minVal <= maxVal)) throw new RangeError(`Hardtanh: minVal (${minVal}) must not exceed maxVal (${maxVal})`);
  }

  forward(x: Tensor): Tensor {
    return F.hardtanh(x, this.minVal, this.maxVal);
  }

  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}`;
  }
}

/** min(max(0, x), 6). */
export class ReLU6 extends applying(F.relu6) {}

/** x where |x| > lambd, 0 elsewhere. */
export class Hardshrink extends Module {
  constructor(readonly lambd = 0.5) {
    super();
    if (!(lambd >= 0)) throw new RangeError(`Hardshrink: lambd must be non-negative, got ${lambd}`);
  }

  forward(x: Tensor): Tensor {
    return F.hardShrink(x, this.lambd);
  }

  override extraRepr(): string {
    return String(this.lambd);
  }
}

/** x / (1 + |x|). */
export class Softsign extends applying(F.softsign) {}

/** x − tanh(x). */
export class Tanhshrink extends applying(F.tanhshrink) {}

/** log σ(x), stable for large |x|. */
export class LogSigmoid extends applying(F.logSigmoid) {}
