/**
 * Greedy layer-wise pre-training (Bengio et al. 2007; Vincent et al. 2010's stacked denoising
 * autoencoders): each layer is an autoencoder trained on the codes of the layers below, which are
 * frozen while it learns. The result is a stack of encoders to put a classifier on.
 */
import { concat, noGrad } from "../../index.js";
import type { nn } from "../../index.js";
import type { Tensor } from "../../tensor/index.js";
import { featureMatrix } from "../feature-matrix.js";
import { Autoencoder, type AutoencoderOptions } from "./autoencoder.js";
import { trainAutoencoder, type AutoencoderEpoch, type AutoencoderTrainingOptions } from "./train.js";

export interface PretrainOptions extends Omit<AutoencoderTrainingOptions, "onEpoch"> {
  /** How every layer's autoencoder is built (corruption for a stacked denoising autoencoder, …). */
  autoencoder?: AutoencoderOptions;
  /** Called after each epoch of each layer (layer counts from 0). */
  onEpoch?: (layer: number, record: AutoencoderEpoch) => void | Promise<void>;
}

/**
 * The codes of data [N, …] through encoders, in batches, without a graph: [N, features]. Works
 * with any stack of modules (autoencoders' encoders, an RBM's up-pass, …).
 */
export function encodeWith(encoders: readonly nn.Module[], data: Tensor, batchSize = 1000): Tensor {
  const matrix = featureMatrix("encodeWith", "data", data);
  if (encoders.length === 0) return matrix;
  const rows = matrix.shape[0];
  return noGrad(() => {
    const pieces: Tensor[] = [];
    for (let start = 0; start < rows; start += batchSize) {
      pieces.push(encoders.reduce((h, encoder) => encoder.forward(h), matrix.narrow(0, start, Math.min(batchSize, rows - start))));
    }
    return concat(pieces, 0).detach();
  });
}

/**
 * Pre-train autoencoders of hidden sizes `sizes` greedily on data [N, …]: layer k learns to
 * reconstruct the codes of layers 0…k−1. Returns the trained autoencoders, bottom first; their
 * encoderModule()s are the encoders to fine-tune.
 */
export async function pretrainStack(data: Tensor, sizes: readonly number[], options: PretrainOptions = {}): Promise<Autoencoder[]> {
  if (sizes.length === 0) throw new RangeError("pretrainStack: sizes must name at least one hidden layer, got []");
  let codes = featureMatrix("pretrainStack", "data", data);
  const stack: Autoencoder[] = [];
  for (const [layer, size] of sizes.entries()) {
    const autoencoder = new Autoencoder(codes.shape[1], size, options.autoencoder);
    await trainAutoencoder(autoencoder, codes, { ...options, onEpoch: (record) => options.onEpoch?.(layer, record) });
    stack.push(autoencoder);
    if (layer < sizes.length - 1) codes = encodeWith([autoencoder.encoderModule()], codes);
  }
  return stack;
}
