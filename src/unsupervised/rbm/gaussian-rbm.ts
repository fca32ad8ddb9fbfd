/** The Gaussian–binary RBM: real-valued visible units of unit variance, E(v, h) = ½‖v − b‖² − cᵀh − vᵀWᵀh. */
import { randn } from "../../ops/index.js";
import type { Generator, Tensor } from "../../tensor/index.js";
import { RBM } from "./rbm.js";
import type { VisibleKind } from "./visible-data.js";

/**
 * An RBM over real-valued data: v | h ~ N(b + Wᵀh, I). The variance is fixed at 1, so
 * standardise each input component to zero mean and unit variance first (Hinton's guide §13.2);
 * it also wants a learning rate one or two orders of magnitude below a binary RBM's.
 */
export class GaussianRBM extends RBM {
  readonly visibleKind: VisibleKind = "real";

  /** ½‖v − b‖², [N]. */
  visibleEnergy(v: Tensor): Tensor {
    return v.sub(this.visibleBias).square().sum(1).mul(0.5);
  }

  visibleMeanFromInput(input: Tensor): Tensor {
    return input;
  }

  sampleVisibleFromMean(mean: Tensor, generator: Generator): Tensor {
    return mean.add(randn(mean.shape, { generator }));
  }
}
