/**
 * PCA as an energy model: E(Y, Z) = ‖Y − (μ + Zᵀ U_k)‖², the squared reconstruction error from the
 * top-k principal axes U_k, with Z* = U_k (Y − μ). Energy shaping: the PCA-like bottleneck — a
 * k-dimensional code can only give low energy on a k-dimensional affine subspace.
 */
import { noGrad } from "../../autograd/index.js";
import { Tensor } from "../../tensor/index.js";
import type { EnergyModel, EnergyShaping } from "../energy.js";
import { sampleMatrix } from "../finite-data.js";
import { covarianceEigen } from "./covariance.js";

export class PCA implements EnergyModel {
  readonly energyShaping: readonly EnergyShaping[] = ["pca-bottleneck"];

  /**
   * mean [D]; components [k, D], orthonormal rows, largest variance first; explainedVariance [k]
   * (the variance of the data along each axis, with N − 1 in the denominator).
   */
  constructor(readonly mean: Tensor, readonly components: Tensor, readonly explainedVariance: Tensor) {}

  /** The top-k principal axes of the samples x [N, …] (flattened to [N, D]); k defaults to min(N, D). */
  static fit(x: Tensor, components?: number): PCA {
    const { mean, features, values, vectors } = covarianceEigen("PCA.fit", x);
    const limit = Math.min(x.shape[0], features);
    const k = components ?? limit;
    if (!Number.isInteger(k) || k < 1 || k > limit) {
      throw new RangeError(`PCA.fit: components must be an integer from 1 to min(samples, features) = ${limit}, got ${k}`);
    }
    const axes = new Tensor(Float32Array.from(vectors.subarray(0, k * features)), [k, features]);
    return new PCA(mean, axes, new Tensor(Float32Array.from(values.subarray(0, k)), [k]));
  }

  /** Number of kept axes. */
  get k(): number {
    return this.components.shape[0];
  }

  /** Codes Z = (Y − μ) U_kᵀ: y [N, …D] → [N, k]. */
  transform(y: Tensor): Tensor {
    return noGrad(() => sampleMatrix("PCA.transform", "y", y).sub(this.mean).matmul(this.components.T));
  }

  /** Reconstructions μ + Z U_k: z [N, k] → [N, D]. */
  inverseTransform(z: Tensor): Tensor {
    return z.matmul(this.components).add(this.mean);
  }

  energy(y: Tensor, z: Tensor): Tensor {
    return sampleMatrix("PCA.energy", "y", y).sub(this.inverseTransform(z)).square().sum(1);
  }

  infer(y: Tensor): Tensor {
    return this.transform(y);
  }
}
