/** DropConnect (Wan et al. 2013): a Linear layer whose weights, not activations, are randomly dropped. */
import { mul } from "../ops/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../tensor/index.js";
import { dropoutMask, linear } from "./functional/layers.js";
import { Linear, type LinearOptions } from "./linear.js";
import { isReplayingForward } from "./torch7.js";

export interface DropConnectOptions extends LinearOptions {
  /** Probability of dropping each weight. Default 0.5. */
  p?: number;
}

export interface DropConnectFunctionalOptions {
  /** Probability of dropping each weight. Default 0.5. */
  p?: number;
  /** Drop weights (true, the default) or use them all (evaluation). */
  training?: boolean;
  /** Where the mask is drawn from (default: the global generator, see manualSeed). */
  generator?: Generator;
}

function checkP(op: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${op}: p (the probability of dropping a weight) must be in [0, 1], got ${p}`);
}

/**
 * y = x·(W ⊙ M)ᵀ + b, with M a fresh Bernoulli mask over the weight (0 with probability p, else
 * 1/(1 − p), so E[W ⊙ M] = W) when training, and M = 1 otherwise. The bias is not masked. One mask
 * is drawn per call and shared by the whole batch (Wan et al. draw one per sample; sharing keeps a
 * batch one matrix product). Evaluation uses the mean weights W, the usual approximation to the
 * paper's moment-matching inference.
 */
export function dropConnect(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: DropConnectFunctionalOptions = {}): Tensor {
  const { p = 0.5, training = true, generator = defaultGenerator } = options;
  checkP("dropConnect", p);
  if (!training || p === 0) return linear(x, weight, bias);
  return linear(x, mul(weight, dropoutMask(weight.shape, p, weight.dtype, generator)), bias);
}

/**
 * A Linear layer with DropConnect (see nn.functional.dropConnect): in training each forward draws
 * a new mask over the weight; in eval mode it is a plain Linear. Parameters and state-dict keys
 * are Linear's (`weight`, `bias`), so a trained DropConnect layer loads into a Linear and back.
 */
export class DropConnect extends Linear {
  readonly p: number;
  /** The last mask drawn, reused when the Torch7 backward re-runs forward. */
  #mask: Tensor | null = null;

  constructor(inFeatures: number, outFeatures: number, { p = 0.5, ...linearOptions }: DropConnectOptions = {}) {
    super(inFeatures, outFeatures, linearOptions);
    checkP("DropConnect", p);
    this.p = p;
  }

  override forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return super.forward(x);
    if (!(isReplayingForward() && this.#mask)) this.#mask = dropoutMask(this.weight.shape, this.p, this.weight.dtype, defaultGenerator);
    return linear(x, mul(this.weight, this.#mask), this.bias);
  }

  override extraRepr(): string {
    return `${super.extraRepr()}, p=${this.p}`;
  }
}
