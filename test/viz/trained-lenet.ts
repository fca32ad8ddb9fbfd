/** The trained LeNet-5 of test/fixtures/viz (99.17% on MNIST test) and a slice of MNIST, shared by the viz tests. */
import { models, type nn } from "../../src/index.js";
import { mnist } from "../../src/data/index.js";
import { loadSafetensors } from "../../src/io/index.js";

export const LENET_FIXTURE = "test/fixtures/viz/lenet5-mnist.safetensors";

export async function trainedLenet(): Promise<nn.Sequential> {
  const model = models.lenet5();
  model.loadStateDict((await loadSafetensors(LENET_FIXTURE)).tensors);
  return model.eval();
}

/** The first `limit` MNIST test (or training) images, normalised as the model was trained. */
export const mnistSlice = (split: "train" | "test", limit: number) => mnist(split, { normalize: true, limit });
