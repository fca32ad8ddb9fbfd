/**
 * LISTA (Gregor & LeCun 2010): ISTA unfolded `steps` times into a recurrent network whose weights
 * are then trained by backprop to predict the optimal codes Z*:
 *
 *   B = W_e Y;   Z₁ = h_θ(B);   Z_{t+1} = h_θ(B + S Z_t)
 *
 * Initialised from a dictionary it *is* ISTA from zero: W_e = W_dᵀ/L, S = I − W_dᵀW_d/L, θ = λ/L
 * (per unit, trainable). Rows are samples: B = Y·encoderᵀ and S Z is Z·lateralᵀ.
 */
import { eye, full } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { largestEigenvalue } from "./linear-operator.js";
import { shrink } from "./shrink.js";
import type { SparseCoding } from "./sparse-coding.js";
import { UnfoldedEncoder } from "./unfolded-encoder.js";

export class Lista extends UnfoldedEncoder {
  /** `steps` unfolded ISTA iterations, initialised from the coder's dictionary and λ. */
  constructor(coder: SparseCoding, steps: number) {
    const w = coder.weight.detach();
    const L = largestEigenvalue(coder.operatorFor(w));
    super(steps, { encoder: w.div(L), lateral: eye(coder.codeSize).sub(w.matmul(w.T).div(L)), threshold: full([coder.codeSize], coder.lambda / L) });
  }

  /** Predicted codes of y [N, D]: [N, K]. */
  forward(y: Tensor): Tensor {
    const b = y.matmul(this.encoder.T);
    let z = shrink(b, this.threshold);
    for (let t = 1; t < this.steps; t++) z = shrink(b.add(z.matmul(this.lateral.T)), this.threshold);
    return z;
  }
}
