/** Channel dropout (Dropout2d) and its functional form. */
import { mul } from "../ops/index.js";
import { defaultGenerator, fmtShape, ShapeError, type Generator, type Tensor } from "../tensor/index.js";
import { dropoutMask } from "./functional/layers.js";
import { Module } from "./module.js";
import { isReplayingForward } from "./torch7.js";

function checkArguments(op: string, x: Tensor, p: number): void {
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new ShapeError(`${op}: expected an [N, C, H, W] input (or [N, C, L], dropping channels all the same), got shape ${fmtShape(x.shape)}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${op}: p (the probability of dropping a channel) must be in [0, 1], got ${p}`);
}

/** Inverted dropout's multiplier for whole channels: [N, C, 1, …], 0 with probability p, else 1/(1 − p). */
function channelMask(x: Tensor, p: number, generator: Generator): Tensor {
  return dropoutMask(x.shape.map((size, d) => (d < 2 ? size : 1)), p, x.dtype, generator);
}

/**
 * Zero each whole channel (feature map) of an [N, C, H, W] input with probability p and scale the
 * kept ones by 1/(1 − p) when training, as torch.nn.functional.dropout2d; the identity otherwise.
 * Neighbouring pixels of a map are strongly correlated, so dropping single pixels regularises
 * little; dropping maps does. A [N, C, L] input has its channels dropped the same way.
 */
export function dropout2d(x: Tensor, p = 0.5, training = true, generator: Generator = defaultGenerator): Tensor {
  checkArguments("dropout2d", x, p);
  return training && p > 0 ? mul(x, channelMask(x, p, generator)) : x;
}

/** Channel-wise inverted dropout (see nn.functional.dropout2d); the identity in eval mode. */
export class Dropout2d extends Module {
  /** The last mask drawn, reused when the Torch7 backward re-runs forward. */
  #mask: Tensor | null = null;

  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout2d: p (the probability of dropping a channel) must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    checkArguments("Dropout2d", x, this.p);
    if (!this.training || this.p === 0) return x;
    const previous = this.#mask;
    const reuse = isReplayingForward() && previous !== null && previous.ndim === x.ndim && previous.shape[0] === x.shape[0] && previous.shape[1] === x.shape[1];
    if (!reuse) this.#mask = channelMask(x, this.p, defaultGenerator);
    return mul(x, this.#mask!);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
