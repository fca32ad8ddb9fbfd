/** The pseudo-log-likelihood of binary data under an RBM, the stochastic one-bit-flip estimate common practice reports per epoch. */
import { noGrad } from "../../autograd/index.js";
import { oneHot, randint } from "../../ops/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";
import type { BinaryRBM } from "./binary-rbm.js";
import { checkVisibleData } from "./visible-data.js";

/**
 * Mean over samples of an estimate of Σ_i log p(v_i | v_−i), in nats. Exact PLL needs `visible`
 * free energies per sample; as in the deeplearning.net tutorial, each sample instead flips one
 * random bit i, ṽ = v with v_i flipped, and contributes visible · log σ(F(ṽ) − F(v)), an unbiased
 * estimate of the sum (p(v_i | v_−i) = σ(F(ṽ) − F(v)) exactly). Noisy per sample; over a few
 * thousand samples it tracks training well, and unlike the reconstruction error it falls when
 * the model's samples go bad.
 */
export function pseudoLogLikelihood(rbm: BinaryRBM, data: Tensor, generator: Generator = defaultGenerator): number {
  checkVisibleData("pseudoLogLikelihood", data, rbm.visible, "binary");
  return noGrad(() => {
    const flip = oneHot(randint(0, rbm.visible, [data.shape[0]], { generator }), rbm.visible);
    const flipped = data.add(flip.mul(data.mul(-2).add(1)));
    const logSigmoid = rbm.freeEnergy(data).sub(rbm.freeEnergy(flipped)).softplus().neg();
    return logSigmoid.mean().itemSync() * rbm.visible;
  });
}
