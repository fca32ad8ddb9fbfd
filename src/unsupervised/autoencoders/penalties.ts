/**
 * The regularisers that shape an autoencoder's energy when the code is not a bottleneck: the
 * sparsity penalty (Ng's sparse autoencoder notes) and the contractive penalty (Rifai et al. 2011).
 * Both are built from ops, so autograd gives their gradients; the tests hold those to finite
 * differences and to the lectures' closed forms.
 */
import type { Tensor } from "../../tensor/index.js";
import { slopeFromOutput, type CodeActivation } from "./activations.js";

/** KL(ρ‖ρ̂) between Bernoulli(ρ) and Bernoulli(ρ̂), elementwise over ρ̂: ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂)). */
export function bernoulliKl(rho: number, rhoHat: Tensor): Tensor {
  const atOne = rhoHat.log().mul(-rho).add(rho * Math.log(rho));
  const atZero = rhoHat.neg().add(1).log().mul(-(1 - rho)).add((1 - rho) * Math.log(1 - rho));
  return atOne.add(atZero);
}

/**
 * β Σ_j KL(ρ‖ρ̂_j), ρ̂_j the mean activation of unit j over the batch (codes [N, hidden], values in
 * (0, 1)). Its gradient with respect to ρ̂_j is β(−ρ/ρ̂_j + (1−ρ)/(1−ρ̂_j)), the lecture's form.
 */
export function sparsityPenalty(codes: Tensor, rho: number, beta: number): Tensor {
  checkTarget("sparsityPenalty", rho);
  checkWeight("sparsityPenalty", "beta (β)", beta);
  return bernoulliKl(rho, codes.mean(0)).sum().mul(beta);
}

/**
 * λ‖∂h/∂x‖²_F averaged over the batch, for codes h = f(W x + b) (codes [N, hidden], weight W
 * [hidden, input]). The Jacobian's entries are f′(a_j) W_ji, so its squared norm is
 * Σ_j f′(a_j)² Σ_i W_ji² — for a sigmoid encoder Σ_j (h_j(1−h_j))² Σ_i W_ji² — one product with
 * the rows' squared norms instead of an N×hidden×input Jacobian.
 */
export function contractivePenalty(codes: Tensor, weight: Tensor, lambda: number, activation: CodeActivation = "sigmoid"): Tensor {
  checkWeight("contractivePenalty", "lambda (λ)", lambda);
  const rowNorms = weight.square().sum(1);
  return slopeFromOutput(activation, codes).square().mul(rowNorms).sum(1).mean().mul(lambda);
}

export function checkTarget(who: string, rho: number): void {
  if (!(rho > 0 && rho < 1)) throw new RangeError(`${who}: the sparsity target rho (ρ) must lie strictly between 0 and 1, got ${rho}`);
}

export function checkWeight(who: string, argument: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`${who}: ${argument} must be a finite number ≥ 0, got ${value}`);
}
