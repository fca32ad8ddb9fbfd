/** Parameter-free layers: Identity, Flatten, Dropout. */
import { mul } from "../ops/index.js";
import { sameShape, type Tensor } from "../tensor/index.js";
import { dropoutMask, flatten } from "./functional/layers.js";
import { Module } from "./module.js";
import { isReplayingForward } from "./torch7.js";

/** Returns its input (a placeholder, e.g. where a layer is removed from a model). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Merges dimensions startDim…endDim into one; by default everything but the batch dimension. */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales the survivors
 * by 1/(1−p); in eval mode, the identity. Draws from the seeded default generator.
 */
export class Dropout extends Module {
  /** The last mask drawn, reused when the Torch7 backward re-runs forward. */
  #mask: Tensor | null = null;

  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: p (the probability of dropping an element) must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const reuse = isReplayingForward() && this.#mask !== null && sameShape(this.#mask.shape, x.shape);
    if (!reuse) this.#mask = dropoutMask(x.shape, this.p, x.dtype);
    return mul(x, this.#mask!);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
