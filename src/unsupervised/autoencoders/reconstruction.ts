/** How far a reconstruction is from its target, per sample: the energy an autoencoder assigns. */
import { nn } from "../../index.js";
import type { Tensor } from "../../tensor/index.js";

/** "mse": ‖y − ŷ‖² summed over features; "bce": Σ_i −[y_i log ŷ_i + (1−y_i) log(1−ŷ_i)], for data in [0, 1]. */
export type ReconstructionLoss = "mse" | "bce";

/** What the decoder's output units are: sigmoid (for data in [0, 1]) or linear (for real-valued data). */
export type DecoderOutput = "sigmoid" | "linear";

/**
 * Per-sample reconstruction error [N] of the decoder's pre-activations `logits` against `target`.
 * Binary cross-entropy is computed from the logits (no log of a sigmoid that has rounded to 0 or 1).
 */
export function reconstructionError(logits: Tensor, target: Tensor, loss: ReconstructionLoss, output: DecoderOutput): Tensor {
  if (loss === "bce") return nn.functional.binaryCrossEntropyWithLogits(logits, target, { reduction: "none" }).sum(1);
  const reconstruction = output === "sigmoid" ? logits.sigmoid() : logits;
  return reconstruction.sub(target).square().sum(1);
}

export function checkLossAndOutput(who: string, loss: string, output: string): void {
  if (loss !== "mse" && loss !== "bce") throw new RangeError(`${who}: loss must be "mse" or "bce", got "${loss}"`);
  if (output !== "sigmoid" && output !== "linear") throw new RangeError(`${who}: output must be "sigmoid" or "linear", got "${output}"`);
  if (loss === "bce" && output !== "sigmoid") throw new RangeError(`${who}: loss "bce" needs output "sigmoid" (a probability per input), got output "${output}"`);
}

/** Binary cross-entropy needs targets in [0, 1]: say so rather than return a meaningless loss. */
export function checkUnitInterval(who: string, argument: string, x: Tensor): void {
  const values = x.values;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] > 1) {
      throw new RangeError(`${who}: loss "bce" needs ${argument} in [0, 1], found ${values[i]} at element ${i}; rescale the data or use loss "mse"`);
    }
  }
}
