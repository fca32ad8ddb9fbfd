/** Local normalisation layers: LocalResponseNorm, LocalContrastNorm, DivisiveNorm (no parameters). */
import type { Tensor } from "../tensor/index.js";
import {
  checkWindow,
  divisiveNorm,
  localContrastNorm,
  localResponseNorm,
  type DivisiveNormOptions,
  type LocalContrastNormOptions,
  type LocalResponseNormOptions,
} from "./functional/norm-local.js";
import { Module } from "./module.js";
import { pyBool, pyFloat } from "./repr.js";

/**
 * Local response normalisation across channels (AlexNet), as torch.nn.LocalResponseNorm:
 * y = x / (k + alpha/size · Σ x² over `size` neighbouring channels)^beta. See
 * nn.functional.localResponseNorm for the exact window.
 */
export class LocalResponseNorm extends Module {
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;

  constructor(readonly size: number, { alpha = 1e-4, beta = 0.75, k = 1 }: LocalResponseNormOptions = {}) {
    super();
    checkWindow("LocalResponseNorm", size, false);
    this.alpha = alpha;
    this.beta = beta;
    this.k = k;
  }

  forward(x: Tensor): Tensor {
    return localResponseNorm(x, this.size, { alpha: this.alpha, beta: this.beta, k: this.k });
  }

  override extraRepr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`;
  }
}

/**
 * Local contrast normalisation (Jarrett et al. 2009) over a size×size Gaussian window (default
 * 7×7) spanning all feature maps: the local mean is subtracted, then the result is divided by the
 * larger of the local standard deviation and its mean over the image (unless `divisive: false`).
 * Input [N, C, H, W]. See nn.functional.localContrastNorm for the exact formula.
 */
export class LocalContrastNorm extends Module {
  readonly sigma: number;
  readonly eps: number;
  readonly divisive: boolean;

  constructor(readonly size = 7, { sigma = size / 4, eps = 1e-4, divisive = true }: LocalContrastNormOptions = {}) {
    super();
    checkWindow("LocalContrastNorm", size, true);
    this.sigma = sigma;
    this.eps = eps;
    this.divisive = divisive;
  }

  forward(x: Tensor): Tensor {
    return localContrastNorm(x, this.size, { sigma: this.sigma, eps: this.eps, divisive: this.divisive });
  }

  override extraRepr(): string {
    return `${this.size}, sigma=${pyFloat(this.sigma)}, eps=${pyFloat(this.eps)}${this.divisive ? "" : ", divisive=False"}`;
  }
}

/**
 * Divisive normalisation: y = x / √(Σ x² over a size×size box + eps), per channel or, with
 * acrossChannels, summed over all feature maps. Input [N, C, H, W].
 */
export class DivisiveNorm extends Module {
  readonly acrossChannels: boolean;
  readonly eps: number;

  constructor(readonly size: number, { acrossChannels = false, eps = 1e-6 }: DivisiveNormOptions = {}) {
    super();
    checkWindow("DivisiveNorm", size, true);
    this.acrossChannels = acrossChannels;
    this.eps = eps;
  }

  forward(x: Tensor): Tensor {
    return divisiveNorm(x, this.size, { acrossChannels: this.acrossChannels, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.size}, across_channels=${pyBool(this.acrossChannels)}, eps=${pyFloat(this.eps)}`;
  }
}
