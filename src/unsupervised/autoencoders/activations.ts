/** The code units' nonlinearities an autoencoder can use, and each one's slope read from its output. */
import { nn, onesLike } from "../../index.js";
import type { Tensor } from "../../tensor/index.js";

export type CodeActivation = "sigmoid" | "tanh" | "relu" | "linear";
export const CODE_ACTIVATIONS: readonly CodeActivation[] = ["sigmoid", "tanh", "relu", "linear"];

export function checkActivation(who: string, argument: string, name: string): CodeActivation {
  if (!(CODE_ACTIVATIONS as readonly string[]).includes(name)) {
    throw new RangeError(`${who}: ${argument} must be one of ${CODE_ACTIVATIONS.join(", ")}; got "${name}"`);
  }
  return name as CodeActivation;
}

export function activate(name: CodeActivation, x: Tensor): Tensor {
  if (name === "sigmoid") return x.sigmoid();
  if (name === "tanh") return x.tanh();
  if (name === "relu") return x.relu();
  return x;
}

/** The activation as a layer, to put an encoder into an nn.Sequential. */
export function activationLayer(name: CodeActivation): nn.Module {
  if (name === "sigmoid") return new nn.Sigmoid();
  if (name === "tanh") return new nn.Tanh();
  if (name === "relu") return new nn.ReLU();
  return new nn.Identity();
}

/**
 * f′(a) written from h = f(a) with ops (so that autograd can differentiate through it, as the
 * contractive penalty needs): h(1 − h) for the sigmoid, 1 − h² for tanh, [h > 0] for ReLU, 1 for
 * linear units.
 */
export function slopeFromOutput(name: CodeActivation, h: Tensor): Tensor {
  if (name === "sigmoid") return h.mul(h.neg().add(1));
  if (name === "tanh") return h.square().neg().add(1);
  if (name === "relu") return h.gt(0).float();
  return onesLike(h);
}
