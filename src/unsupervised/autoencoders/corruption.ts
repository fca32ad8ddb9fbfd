/**
 * The corruption a denoising autoencoder learns to undo (Vincent et al. 2008, 2010): masking noise
 * zeroes a random fraction of the inputs; additive Gaussian noise adds N(0, σ²) to each. The loss
 * compares the reconstruction with the clean input.
 */
import { bernoulli, randn } from "../../ops/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";

export interface Corruption {
  /** "masking": each input is set to 0 with probability `level`; "gaussian": `level` is the noise's standard deviation. */
  kind: "masking" | "gaussian";
  level: number;
}

export function checkCorruption(who: string, corruption: Corruption): void {
  const { kind, level } = corruption;
  if (kind === "masking") {
    if (!(level >= 0 && level <= 1)) throw new RangeError(`${who}: corruption.level (the fraction of inputs masked) must be in [0, 1], got ${level}`);
  } else if (kind === "gaussian") {
    if (!(level >= 0 && Number.isFinite(level))) throw new RangeError(`${who}: corruption.level (the Gaussian noise's standard deviation) must be a finite number ≥ 0, got ${level}`);
  } else {
    throw new RangeError(`${who}: corruption.kind must be "masking" or "gaussian", got "${String(kind)}"`);
  }
}

/** x with the corruption applied (a new tensor; x is left alone). */
export function corrupt(x: Tensor, corruption: Corruption, generator: Generator = defaultGenerator): Tensor {
  checkCorruption("corrupt", corruption);
  if (corruption.kind === "masking") return x.mul(bernoulli(x.shape, 1 - corruption.level, { dtype: x.dtype, generator }));
  return x.add(randn(x.shape, { std: corruption.level, dtype: x.dtype, generator }));
}
