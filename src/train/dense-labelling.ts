/**
 * Training and measuring a dense labeller (a model from images [N, C, H, W] to class scores
 * [N, classes, H, W]): training steps on random square crops of the scenes, where the per-pixel
 * cross-entropy can weight the classes (the background dominates); evaluation over whole images,
 * batch by batch, into a pixel confusion matrix.
 */
import { noGrad } from "../autograd/index.js";
import type { Module } from "../nn/index.js";
import { crossEntropy } from "../nn/functional/index.js";
import { argmax } from "../ops/index.js";
import { Adam } from "../optim/index.js";
import { fmtShape, Generator, ShapeError, Tensor } from "../tensor/index.js";
import { guardedStep } from "./guarded-step.js";
import type { ConfusionMatrix } from "./metrics.js";
import { labelConfusion, segmentationScores, type SegmentationScores } from "./segmentation-metrics.js";

export interface DenseTrainingOptions {
  /** Optimiser steps (Adam). */
  steps: number;
  /** Crops a step. Default 16. */
  batchSize?: number;
  /** Side of the square crops; the whole image when it is that size. Default 64. */
  crop?: number;
  lr?: number;
  /** A weight per class for the cross-entropy, [classes]. */
  classWeight?: Tensor;
  seed?: number;
  /** Called every `printEvery` steps with the mean loss since the last call. */
  print?: (line: string) => void;
  printEvery?: number;
}

/** Fits `model` to label every pixel of `images` [N, C, H, W] with `labels` int32 [N, H, W]. */
export function trainDenseLabeller(model: Module, images: Tensor, labels: Tensor, options: DenseTrainingOptions): void {
  const { steps, batchSize = 16, crop = 64, lr = 2e-3, classWeight, seed = 0, print = () => {}, printEvery = 50 } = options;
  checkLabelled("trainDenseLabeller", images, labels);
  if (!Number.isInteger(crop) || crop < 1 || crop > Math.min(images.shape[2], images.shape[3])) {
    throw new RangeError(`trainDenseLabeller: crop must be an integer from 1 to the image side ${Math.min(images.shape[2], images.shape[3])}, got ${crop}`);
  }
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`trainDenseLabeller: steps must be a positive integer, got ${steps}`);
  const generator = new Generator(seed);
  const optimizer = new Adam(model.parameters(), { lr });
  model.train();
  let total = 0;
  for (let step = 1; step <= steps; step++) {
    const batch = randomCrops(images, labels, batchSize, crop, generator);
    const loss = crossEntropy(model.forward(batch.images), batch.labels, { weight: classWeight });
    total += guardedStep(loss, { optimizer, model, where: `trainDenseLabeller: step ${step}`, inputs: [batch.images] });
    if (step % printEvery === 0) {
      print(`step ${step}/${steps}: loss ${(total / printEvery).toFixed(4)}`);
      total = 0;
    }
  }
}

/** The most likely class of every pixel, int32 [N, H, W], computed batch by batch without gradients. */
export function predictLabels(model: Module, images: Tensor, batchSize = 20): Tensor {
  model.eval();
  const [n, , h, w] = images.shape;
  const out = new Int32Array(n * h * w);
  noGrad(() => {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      out.set(argmax(model.forward(images.narrow(0, start, size)), 1).values, start * h * w);
    }
  });
  return new Tensor(out, [n, h, w]);
}

/** Labels every pixel of `images` and scores the label maps against `labels`. */
export function evaluateDenseLabeller(model: Module, images: Tensor, labels: Tensor, classes: number, batchSize = 20): SegmentationScores & { confusion: ConfusionMatrix } {
  checkLabelled("evaluateDenseLabeller", images, labels);
  const confusion = labelConfusion(predictLabels(model, images, batchSize), labels, classes);
  return { ...segmentationScores(confusion), confusion };
}

/** `count` crops of side `crop` at random places of random images, and their labels. */
function randomCrops(images: Tensor, labels: Tensor, count: number, crop: number, generator: Generator): { images: Tensor; labels: Tensor } {
  const [n, channels, h, w] = images.shape;
  const x = new Float32Array(count * channels * crop * crop);
  const y = new Int32Array(count * crop * crop);
  for (let i = 0; i < count; i++) {
    const [sample, top, left] = [generator.int(n), generator.int(h - crop + 1), generator.int(w - crop + 1)];
    for (let r = 0; r < crop; r++) {
      const from = (sample * h + top + r) * w + left;
      y.set(labels.values.subarray(from, from + crop), (i * crop + r) * crop);
      for (let c = 0; c < channels; c++) {
        const source = ((sample * channels + c) * h + top + r) * w + left;
        x.set(images.values.subarray(source, source + crop), ((i * channels + c) * crop + r) * crop);
      }
    }
  }
  return { images: new Tensor(x, [count, channels, crop, crop]), labels: new Tensor(y, [count, crop, crop]) };
}

function checkLabelled(op: string, images: Tensor, labels: Tensor): void {
  const [n, , h, w] = images.shape;
  if (images.ndim !== 4 || labels.ndim !== 3 || labels.shape[0] !== n || labels.shape[1] !== h || labels.shape[2] !== w) {
    throw new ShapeError(`${op}: images must be [N, C, H, W] and labels [N, H, W] to match; got ${fmtShape(images.shape)} and ${fmtShape(labels.shape)}`);
  }
  if (labels.dtype !== "int32") throw new TypeError(`${op}: labels must be int32 classes, got ${labels.dtype}`);
}
