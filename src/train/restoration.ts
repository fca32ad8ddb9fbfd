/**
 * Training a restorer on (corrupted, clean) image pairs by the mean squared error, and measuring it
 * by PSNR against the clean images: the corrupted input's, and the restored output's.
 */
import { DataLoader, TensorDataset } from "../data/index.js";
import type { Module } from "../nn/index.js";
import { mseLoss } from "../nn/functional/index.js";
import { noGrad } from "../autograd/index.js";
import { Adam } from "../optim/index.js";
import type { Tensor } from "../tensor/index.js";
import { fit } from "./fit.js";
import { psnr, psnrOf, squaredError } from "./psnr.js";

export interface RestorationOptions {
  epochs: number;
  batchSize?: number;
  lr?: number;
  seed?: number;
  print?: (line: string) => void;
}

/** Fits model to map corrupted images to clean ones (Adam, squared error). */
export async function trainRestorer(model: Module, corrupted: Tensor, clean: Tensor, { epochs, batchSize = 64, lr = 1e-3, seed = 0, print = () => {} }: RestorationOptions): Promise<void> {
  const train = new DataLoader(new TensorDataset(corrupted, clean), { batchSize, shuffle: true, seed });
  await fit({ model, optimizer: new Adam(model.parameters(), { lr }), loss: (output, target) => mseLoss(output, target), train, epochs, progress: false, print });
}

/**
 * PSNR (dB, over the whole set) of the corrupted images and of the model's restorations, both
 * against the clean ones. With a `mask` (1 on the missing pixels, [N, 1, H, W] as maskSquares gives
 * it), the restoration keeps the known pixels and takes only the missing ones from the model.
 */
export function restorationPsnr(model: Module, corrupted: Tensor, clean: Tensor, { batchSize = 500, mask }: { batchSize?: number; mask?: Tensor } = {}): { corrupted: number; restored: number } {
  model.eval();
  const error = noGrad(() => {
    let total = 0;
    for (let start = 0; start < clean.shape[0]; start += batchSize) {
      const size = Math.min(batchSize, clean.shape[0] - start);
      const input = corrupted.narrow(0, start, size);
      const output = model.forward(input);
      const missing = mask?.narrow(0, start, size);
      const restored = missing ? output.mul(missing).add(input.mul(missing.neg().add(1))) : output;
      total += squaredError(restored, clean.narrow(0, start, size));
    }
    return total;
  });
  return { corrupted: psnr(corrupted, clean), restored: psnrOf(error, clean.size) };
}
