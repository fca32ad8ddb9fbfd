/**
 * Training a Siamese net by the contrastive loss (DrLIM, Hadsell, Chopra & LeCun 2006): each epoch
 * draws fresh pairs of the images (half of one class, half of two) and takes one optimiser step a
 * batch of pairs, through the one shared trunk.
 */
import { nextTurn } from "../backend/turn.js";
import { samplePairs } from "../data/pairs.js";
import type { Siamese } from "../models/siamese.js";
import { contrastiveLoss } from "../nn/functional/index.js";
import type { Optimizer } from "../optim/index.js";
import { tensor } from "../ops/index.js";
import { Generator, type Tensor } from "../tensor/index.js";
import { guardedStep } from "./guarded-step.js";

export interface ContrastiveTrainingOptions {
  optimizer: Optimizer;
  /** Pairs drawn per epoch. */
  pairs: number;
  epochs: number;
  batchSize?: number;
  /** Dissimilar pairs closer than this are pushed apart (default 1). */
  margin?: number;
  generator?: Generator;
  /** Called after each epoch with its mean loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Trains model on images [N, …] with class labels; returns each epoch's mean loss. */
export async function trainContrastive(model: Siamese, images: Tensor, labels: ArrayLike<number>, options: ContrastiveTrainingOptions): Promise<number[]> {
  const { optimizer, pairs, epochs, batchSize = 128, margin = 1, generator = new Generator(0), onEpoch } = options;
  if (images.shape[0] !== labels.length) throw new RangeError(`trainContrastive: ${images.shape[0]} images but ${labels.length} labels`);
  model.train();
  const losses: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const { first, second, dissimilar } = samplePairs(labels, pairs, generator);
    let total = 0;
    for (let start = 0; start < pairs; start += batchSize) {
      const end = Math.min(start + batchSize, pairs);
      const rows = (indices: Int32Array) => images.indexSelect(0, tensor(indices.subarray(start, end), { dtype: "int32" }));
      const [a, b] = model.embedPairs(rows(first), rows(second));
      const loss = contrastiveLoss(a, b, tensor(dissimilar.subarray(start, end)), { margin });
      total += guardedStep(loss, { optimizer, model, where: `trainContrastive: epoch ${epoch}, pairs ${start}–${end}` }) * (end - start);
      await nextTurn();
    }
    losses.push(total / pairs);
    onEpoch?.(epoch, total / pairs);
  }
  return losses;
}
