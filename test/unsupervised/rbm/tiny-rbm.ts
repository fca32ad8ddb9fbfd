/** Small RBMs with weights large enough to matter, shared by the RBM tests. */
import { randn } from "../../../src/index.js";
import { Generator, type Tensor } from "../../../src/tensor/index.js";
import { BinaryRBM, GaussianRBM, type RBM } from "../../../src/unsupervised/rbm/index.js";

/** An RBM whose weights, and both biases, are drawn at `scale` (the 0.01 init would make every check trivially near-uniform). */
export function tinyRbm<T extends RBM>(Kind: new (visible: number, hidden: number) => T, visible: number, hidden: number, seed = 7, scale = 0.7): T {
  const generator = new Generator(seed);
  const rbm = new Kind(visible, hidden);
  const fill = (t: Tensor) => t.values.set(randn(t.shape, { std: scale, generator }).values);
  [rbm.weight, rbm.visibleBias, rbm.hiddenBias].forEach(fill);
  return rbm;
}

export const tinyBinary = (visible: number, hidden: number, seed?: number, scale?: number) => tinyRbm(BinaryRBM, visible, hidden, seed, scale);
export const tinyGaussian = (visible: number, hidden: number, seed?: number) => tinyRbm(GaussianRBM, visible, hidden, seed);
