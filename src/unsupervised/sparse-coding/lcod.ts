/**
 * LCoD (Gregor & LeCun 2010): coordinate descent (see coordinate-descent.ts) unfolded `steps`
 * times with W_e, S and θ trainable. Which unit each step updates is chosen by the forward pass and
 * held fixed in the backward, as in the paper. Initialised from a dictionary it is CoD: W_e = W_dᵀ,
 * S = I − W_dᵀW_d, θ = λ.
 */
import { Module, Parameter } from "../../nn/index.js";
import { eye, full, zeros } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { codStep } from "./coordinate-descent.js";
import { checkSteps } from "./lista.js";
import { shrink } from "./shrink.js";
import type { SparseCoding } from "./sparse-coding.js";

export class Lcod extends Module {
  /** W_e [K, D]. */
  encoder: Parameter;
  /** S [K, K]. */
  lateral: Parameter;
  /** θ [K]. */
  threshold: Parameter;

  constructor(coder: SparseCoding, readonly steps: number) {
    super();
    checkSteps("Lcod", steps);
    const w = coder.weight.detach();
    this.encoder = new Parameter(w.add(0));
    this.lateral = new Parameter(eye(coder.codeSize).sub(w.matmul(w.T)));
    this.threshold = new Parameter(full([coder.codeSize], coder.lambda));
  }

  forward(y: Tensor): Tensor {
    let b = y.matmul(this.encoder.T);
    let z = zeros([y.shape[0], this.lateral.shape[0]]);
    for (let t = 0; t < this.steps; t++) [b, z] = codStep(b, z, this.lateral, this.threshold);
    return shrink(b, this.threshold);
  }
}
