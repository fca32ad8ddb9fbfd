/**
 * ZCA whitening (Bell & Sejnowski 1997): x ↦ (x − μ) W with W = U diag(1/√(λ + ε)) Uᵀ. Of all
 * whitening transforms it keeps the data closest to the original, so whitened image patches still
 * look like patches (with edges emphasised); ε keeps the near-zero-variance directions (high
 * frequencies, or the one a per-patch mean removal zeroes) from being blown up into noise.
 */
import { noGrad } from "../../autograd/index.js";
import { Tensor } from "../../tensor/index.js";
import { sampleMatrix } from "../finite-data.js";
import { covarianceEigen } from "./covariance.js";

export class ZcaWhitening {
  /** mean [D] and the symmetric whitening matrix [D, D]. */
  constructor(readonly mean: Tensor, readonly matrix: Tensor, readonly epsilon: number) {}

  /**
   * Fits the whitening of the samples x [N, …] (flattened to [N, D]). ε is added to every
   * covariance eigenvalue; with ε = 0 the whitened covariance is exactly the identity (on the
   * directions of non-zero variance).
   */
  static fit(x: Tensor, epsilon = 0.01): ZcaWhitening {
    if (!(epsilon >= 0)) throw new RangeError(`ZcaWhitening.fit: epsilon must be non-negative, got ${epsilon}`);
    const { mean, features: d, values, vectors } = covarianceEigen("ZcaWhitening.fit", x);
    const matrix = new Float32Array(d * d);
    for (let k = 0; k < d; k++) {
      // a direction of (numerically) zero variance with ε = 0 would divide by zero: leave it out
      const gain = values[k] + epsilon > 1e-10 * values[0] ? 1 / Math.sqrt(values[k] + epsilon) : 0;
      for (let i = 0; i < d; i++) {
        const ui = vectors[k * d + i] * gain;
        for (let j = 0; j < d; j++) matrix[i * d + j] += ui * vectors[k * d + j];
      }
    }
    return new ZcaWhitening(mean, new Tensor(matrix, [d, d]), epsilon);
  }

  /** The whitened samples, [N, D]. */
  transform(x: Tensor): Tensor {
    return noGrad(() => sampleMatrix("ZcaWhitening.transform", "x", x).sub(this.mean).matmul(this.matrix));
  }
}
