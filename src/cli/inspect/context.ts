/** What every section of `strata inspect` works from: the trained run, its test images, and how to show one. */
import { fetchBatch } from "../../data/index.js";
import type { Module } from "../../nn/index.js";
import { Tensor } from "../../tensor/index.js";
import { toImage, upscale, type Image } from "../../viz/index.js";
import type { RecipeData } from "../recipes.js";
import type { TrainedRun } from "../trained-run.js";

export interface InspectContext {
  runDir: string;
  run: TrainedRun;
  model: Module;
  data: RecipeData;
  /** The first `samples` test images and labels. */
  test: { x: Tensor; y: Tensor };
  /** A few training images and labels (for feature tapping). */
  train: { x: Tensor; y: Tensor };
  /** One input image ([1, C, H, W] or [C, H, W], model units) as a picture, normalisation undone, enlarged `scale` times. */
  show(x: Tensor, scale?: number): Image;
  /** The test sample at index as a batch of one. */
  sample(index: number): Tensor;
  classNames: string[];
}

const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export function makeContext(runDir: string, run: TrainedRun, data: RecipeData, samples: number): InspectContext {
  const test = fetchBatch(data.test, range(Math.min(samples, data.test.length)));
  const train = fetchBatch(data.train, range(Math.min(2000, data.train.length)));
  const { mean, std } = data.normalization ?? { mean: 0, std: 1 };
  const perSample = test.x.size / test.x.shape[0];
  return {
    runDir, run, model: run.model.eval(), data, test, train,
    show: (x, scale = 4) => {
      const chw = x.shape.length === 4 ? new Tensor(x.values, x.shape.slice(1)) : x;
      return upscale(toImage(new Tensor(chw.values.map((v) => Math.min(1, Math.max(0, v * std + mean))), chw.shape)), scale);
    },
    sample: (index) => new Tensor(test.x.values.slice(index * perSample, (index + 1) * perSample), [1, ...test.x.shape.slice(1)]),
    classNames: data.classNames ?? Array.from({ length: data.numClasses }, (_, i) => String(i)),
  };
}
