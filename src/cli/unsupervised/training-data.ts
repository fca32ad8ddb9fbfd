/** What the sparse-coding, PSD and LISTA commands train on: whitened mandrill patches (the default) or MNIST digits. */
import { mnist } from "../../data/index.js";
import { whitenedPatches } from "../../unsupervised/pca/index.js";
import type { Tensor } from "../../tensor/index.js";

export interface DataSettings {
  /** "patches": ZCA-whitened grey 8×8 (patchSize) patches of the mandrill photograph; "mnist": whole digits. */
  data: "patches" | "mnist";
  patchSize: number;
  /** Training samples (patches cut, or digits read). */
  samples: number;
  /** Held-out samples (the photograph's right 32 columns, or MNIST's test set). */
  testSamples: number;
  /** ZCA's ε for patches. */
  epsilon: number;
  /** Give each training patch a random flip or quarter-turn (more distinct patches from one small photograph). */
  symmetries: boolean;
  seed: number;
}

export interface TrainingData {
  train: Tensor;
  test: Tensor;
  /** Side of the square each sample is (patchSize, or 28), for pictures of the atoms. */
  side: number;
  description: string;
}

export async function loadTrainingData(s: DataSettings): Promise<TrainingData> {
  if (s.data === "mnist") {
    const flat = async (split: "train" | "test", limit: number) => {
      const { x } = await mnist(split, { limit });
      return x.reshape([x.shape[0], 784]);
    };
    return { train: await flat("train", s.samples), test: await flat("test", s.testSamples), side: 28, description: `MNIST: ${s.samples} training digits, ${s.testSamples} test digits, pixels in [0, 1]` };
  }
  if (s.data !== "patches") throw new TypeError(`--data must be "patches" or "mnist", got ${JSON.stringify(s.data)}`);
  const { train, test } = whitenedPatches({ size: s.patchSize, count: s.samples, testCount: s.testSamples, epsilon: s.epsilon, seed: s.seed, symmetries: s.symmetries });
  return {
    train, test, side: s.patchSize,
    description: `mandrill photograph (baboon-image-uri): ${s.samples} grey ${s.patchSize}×${s.patchSize} patches from the left 96 columns, ${s.testSamples} held out from the right 32, mean-removed${s.symmetries ? ", randomly flipped or turned" : ""} and ZCA-whitened (ε ${s.epsilon})`,
  };
}
