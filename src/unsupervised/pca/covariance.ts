/** The sample mean and the eigendecomposition of the sample covariance: what PCA and ZCA whitening are both built on. */
import { noGrad } from "../../autograd/index.js";
import { Tensor } from "../../tensor/index.js";
import { sampleMatrix } from "../finite-data.js";
import { symmetricEigen, type SymmetricEigen } from "./symmetric-eigen.js";

export interface CovarianceEigen extends SymmetricEigen {
  /** The mean sample, [D]. */
  mean: Tensor;
  /** Number of features D. */
  features: number;
}

/**
 * Mean and covariance eigenpairs of the samples x [N, …] (flattened to [N, D]). The covariance
 * divides by N − 1, as scikit-learn's explained_variance_ and numpy's cov do.
 */
export function covarianceEigen(who: string, x: Tensor): CovarianceEigen {
  const samples = sampleMatrix(who, "x", x);
  const [n, features] = samples.shape;
  if (n < 2) throw new RangeError(`${who}: x needs at least 2 samples to estimate a covariance, got ${n}`);
  return noGrad(() => {
    const mean = samples.mean(0);
    const centred = samples.sub(mean);
    const covariance = centred.T.matmul(centred).div(n - 1);
    return { mean, features, ...symmetricEigen(covariance.values, features) };
  });
}
