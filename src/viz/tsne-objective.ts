/** What t-SNE minimises, KL(P‖Q) with a Student-t Q, as the optimiser sees it, and the kernel both methods share. */

/**
 * Writes dKL/dy into `grad` for the embedding `y` (row-major [N, dims]) with P multiplied by
 * `exaggeration`, and returns KL(exaggeration·P ‖ Q) when `computeError` is set (NaN otherwise:
 * the optimiser asks for it only every 50 iterations, as scikit-learn does, because it costs a log per pair).
 */
export type Objective = (y: Float64Array, grad: Float64Array, exaggeration: number, computeError: boolean) => number;

/**
 * The output kernel's degrees of freedom α = max(dims − 1, 1) (van der Maaten 2009, as scikit-learn):
 * q_ij ∝ w_ij = (1 + d²_ij/α)^(−(α+1)/2), the Cauchy kernel 1/(1 + d²) for 2-D embeddings.
 */
export function degreesOfFreedom(dims: number): number {
  return Math.max(dims - 1, 1);
}

/**
 * The gradient's constant: dKL/dy_i = (2(α+1)/α) Σ_j (p_ij − q_ij)·u_ij·(y_i − y_j) with
 * u_ij = 1/(1 + d²_ij/α) — 4 Σ_j (p_ij − q_ij)(y_i − y_j)/(1 + d²_ij) in 2-D. (scikit-learn uses
 * w_ij where u_ij stands, the same in 2-D; for α ≠ 1 only u_ij is the derivative.)
 */
export function gradientScale(alpha: number): number {
  return (2 * (alpha + 1)) / alpha;
}

/** w = (1 + d²/α)^(−(α+1)/2) given u = 1/(1 + d²/α). */
export function kernelOf(u: number, alpha: number): number {
  return alpha === 1 ? u : Math.pow(u, (alpha + 1) / 2);
}
