/**
 * LCoD (Gregor & LeCun 2010): coordinate descent (see coordinate-descent.ts) unfolded `steps`
 * times with W_e, S and θ trainable. Which unit each step updates is chosen by the forward pass and
 * held fixed in the backward, as in the paper. Initialised from a dictionary it is CoD: W_e = W_dᵀ,
 * S = I − W_dᵀW_d, θ = λ.
 */
import { eye, full, zeros } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { codStep } from "./coordinate-descent.js";
import { shrink } from "./shrink.js";
import type { SparseCoding } from "./sparse-coding.js";
import { UnfoldedEncoder } from "./unfolded-encoder.js";

export class Lcod extends UnfoldedEncoder {
  constructor(coder: SparseCoding, steps: number) {
    const w = coder.weight.detach();
    super(steps, { encoder: w.add(0), lateral: eye(coder.codeSize).sub(w.matmul(w.T)), threshold: full([coder.codeSize], coder.lambda) });
  }

  forward(y: Tensor): Tensor {
    let b = y.matmul(this.encoder.T);
    let z = zeros([y.shape[0], this.lateral.shape[0]]);
    for (let t = 0; t < this.steps; t++) [b, z] = codStep(b, z, this.lateral, this.threshold);
    return shrink(b, this.threshold);
  }
}
