/** The binary–binary RBM: Bernoulli visible units, E(v, h) = −bᵀv − cᵀh − vᵀWᵀh. */
import type { Generator, Tensor } from "../../tensor/index.js";
import { RBM } from "./rbm.js";
import { bernoulliOf, type VisibleKind } from "./visible-data.js";

/** An RBM over binary data (binarised MNIST, say): p(v_i = 1 | h) = σ(b_i + Σ_j W_ji h_j). */
export class BinaryRBM extends RBM {
  readonly visibleKind: VisibleKind = "binary";

  /** −bᵀv, [N]. */
  visibleEnergy(v: Tensor): Tensor {
    return v.mul(this.visibleBias).sum(1).neg();
  }

  visibleMeanFromInput(input: Tensor): Tensor {
    return input.sigmoid();
  }

  sampleVisibleFromMean(mean: Tensor, generator: Generator): Tensor {
    return bernoulliOf(mean, generator);
  }
}
