/** The trained LeNet-5 fixture and the first MNIST test digits it classifies correctly, for the viz tests. */
import { readFileSync } from "node:fs";
import { argmax, models, noGrad, Tensor, type nn } from "../../src/index.js";
import { mnist, MNIST_MEAN, MNIST_STD } from "../../src/data/index.js";
import { loadSafetensors } from "../../src/io/index.js";

/** A raw pixel value in [0, 1] in the model's (normalised) input units. */
export const normalised = (pixel: number): number => (pixel - MNIST_MEAN) / MNIST_STD;

/** The valid pixel range [0, 1] in the model's input units, as the attacks' clamp options. */
export const PIXEL_RANGE = { clampMin: normalised(0), clampMax: normalised(1) };

/** PyTorch's attacks and saliency on the fixture (test/fixtures/fixtures_viz.py). */
export const attacks: {
  indices: number[];
  attacks: { epsilon: number; fgsm: boolean[]; iterative: boolean[] }[];
  saliency: number[][];
} = JSON.parse(readFileSync(new URL("../../../test/fixtures/viz/attacks.json", import.meta.url), "utf8"));

/** LeNet-5 with the trained weights (99.07% on the MNIST test set), in eval mode. */
export async function trainedLenet(): Promise<nn.Sequential> {
  const model = models.lenet5();
  const { tensors } = await loadSafetensors(new URL("../../../test/fixtures/viz/lenet5-mnist.safetensors", import.meta.url).pathname);
  model.loadStateDict(tensors);
  return model.eval();
}

/** The first `count` test digits the model gets right: x [count, 1, 28, 28] normalised, y int32 [count], and their test indices. */
export async function correctDigits(model: nn.Module, count: number): Promise<{ x: Tensor; y: Tensor; indices: number[] }> {
  const test = await mnist("test", { normalize: true, limit: count + 50 });
  const predicted = noGrad(() => argmax(model.forward(test.x), 1));
  const right = Int32Array.from(test.y.values.keys()).filter((i) => predicted.values[i] === test.y.values[i]).slice(0, count);
  if (right.length < count) throw new Error(`correctDigits: only ${right.length} of the first ${count + 50} test digits are classified correctly`);
  return { ...test.getBatch(right), indices: [...right] };
}

/** The first `limit` MNIST test (or training) images, normalised as the model was trained. */
export const mnistSlice = (split: "train" | "test", limit: number) => mnist(split, { normalize: true, limit });
