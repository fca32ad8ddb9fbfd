/** Training an autoencoder by minibatch gradient descent on its objective: one epoch, or a whole run. */
import { arange, nextTurn, noGrad, optim } from "../../index.js";
import { DataLoader, TensorDataset } from "../../data/index.js";
import type { Tensor } from "../../tensor/index.js";
import { guardedStep } from "../../train/guarded-step.js";
import { featureMatrix } from "../feature-matrix.js";
import type { Autoencoder } from "./autoencoder.js";

/** The objective's terms averaged over an epoch's samples. */
export interface AutoencoderEpochLosses {
  loss: number;
  reconstruction: number;
  penalty: number;
}

export interface AutoencoderEpoch extends AutoencoderEpochLosses {
  epoch: number;
  seconds: number;
}

/** The rows of data in a seeded random order per epoch (epoch k's order depends only on seed and k, so runs resume exactly). */
export function rowLoader(data: Tensor, batchSize: number, seed: number): DataLoader {
  const matrix = featureMatrix("rowLoader", "data", data);
  const rows = matrix.shape[0];
  return new DataLoader(new TensorDataset(matrix, arange(rows, undefined, 1, { dtype: "int32" })), { batchSize, shuffle: true, seed });
}

/** One epoch of updates of model by optimizer over the loader's batches (the loader's y is ignored). */
export async function trainAutoencoderEpoch(model: Autoencoder, optimizer: { zeroGrad(): void; step(): void }, loader: DataLoader): Promise<AutoencoderEpochLosses> {
  model.train();
  const sums = { loss: 0, reconstruction: 0, penalty: 0 };
  let samples = 0;
  let batch = 0;
  for (const { x } of loader) {
    const { loss, reconstruction, penalty } = model.objective(x);
    const value = guardedStep(loss, { optimizer, model, inputs: [x], where: `trainAutoencoderEpoch: batch ${++batch}` });
    const n = x.shape[0];
    sums.loss += value * n;
    sums.reconstruction += reconstruction.itemSync() * n;
    sums.penalty += (penalty?.itemSync() ?? 0) * n;
    samples += n;
    // lets this step's tensors go back to the backend (see backend/turn.ts)
    await nextTurn();
  }
  return { loss: sums.loss / samples, reconstruction: sums.reconstruction / samples, penalty: sums.penalty / samples };
}

export interface AutoencoderTrainingOptions {
  epochs?: number;
  batchSize?: number;
  /** SGD's learning rate (default 0.1; momentum 0.9). */
  lr?: number;
  momentum?: number;
  /** The shuffling seed. */
  seed?: number;
  /** Called after each epoch (awaited), e.g. to log it. */
  onEpoch?: (record: AutoencoderEpoch) => void | Promise<void>;
}

export const AUTOENCODER_TRAINING_DEFAULTS = { epochs: 10, batchSize: 64, lr: 0.1, momentum: 0.9, seed: 1 };

/** Train model on the rows of data with SGD + momentum; returns each epoch's losses. */
export async function trainAutoencoder(model: Autoencoder, data: Tensor, options: AutoencoderTrainingOptions = {}): Promise<AutoencoderEpoch[]> {
  const { epochs, batchSize, lr, momentum, seed } = { ...AUTOENCODER_TRAINING_DEFAULTS, ...options };
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`trainAutoencoder: epochs must be a non-negative integer, got ${epochs}`);
  featureMatrix("trainAutoencoder", "data", data, model.inputSize);
  const optimizer = new optim.SGD(model.parameters(), { lr, momentum });
  const loader = rowLoader(data, batchSize, seed);
  const history: AutoencoderEpoch[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const start = performance.now();
    const losses = await trainAutoencoderEpoch(model, optimizer, loader);
    const record = { epoch, ...losses, seconds: (performance.now() - start) / 1000 };
    history.push(record);
    await options.onEpoch?.(record);
  }
  return history;
}

/** The mean per-sample reconstruction error of data [N, …] (clean inputs, no corruption, no penalty), in batches without a graph. */
export function evaluateReconstruction(model: Autoencoder, data: Tensor, batchSize = 1000): number {
  const matrix = featureMatrix("evaluateReconstruction", "data", data, model.inputSize);
  const rows = matrix.shape[0];
  let total = 0;
  noGrad(() => {
    for (let start = 0; start < rows; start += batchSize) {
      const batch = matrix.narrow(0, start, Math.min(batchSize, rows - start));
      total += model.energy(batch, model.infer(batch)).sum().itemSync();
    }
  });
  return total / rows;
}
