/**
 * The energy-based view of unsupervised learning (LeCun, Chopra, Hadsell, Ranzato & Huang 2006):
 * a model scores a datum Y with a latent code Z by an energy E(Y, Z), infers the best code
 * Z* = argmin_Z E(Y, Z), and, where the latent can be summed over, has a free energy
 * F_β(Y) = −(1/β) log Σ_Z exp(−β E(Y, Z)). Learning shapes the energy: low on the data, high
 * elsewhere; each model says how it keeps the energy from being low everywhere.
 */
import { logsumexp } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";

/**
 * The tutorial's strategies for keeping the energy high away from the data: build the machine so
 * that the volume of low-energy space is bounded (a PCA-like bottleneck, k-means' finite set of
 * codes), penalise the information in the code (sparsity), push up the energy of samples the
 * model itself produces (contrastive divergence), or make the data points local minima (denoising
 * / score matching, the contractive penalty).
 */
export type EnergyShaping = "pca-bottleneck" | "k-means" | "sparsity" | "contrastive-divergence" | "denoising" | "contractive";

export interface EnergyModel {
  /** How this model keeps the energy from being low everywhere. */
  readonly energyShaping: readonly EnergyShaping[];
  /** E(Y, Z) of each sample: y [N, …], z [N, code] → [N]. */
  energy(y: Tensor, z: Tensor): Tensor;
  /** The code that minimises the energy (exactly, or by the model's inference procedure): [N, code]. */
  infer(y: Tensor): Tensor;
  /** F_β(Y) of each sample, [N], where the latent is discrete or can be summed over (β → ∞ gives min_Z E). */
  freeEnergy?(y: Tensor, beta?: number): Tensor;
}

/**
 * F_β from the energies of every value of a discrete latent: energies [N, K] → [N],
 * −(1/β) log Σ_k exp(−β E_k), computed stably. β = Infinity gives min_k E_k.
 */
export function freeEnergyOfDiscrete(energies: Tensor, beta = 1): Tensor {
  if (!(beta > 0)) throw new RangeError(`freeEnergyOfDiscrete: beta must be positive (Infinity for min_Z E), got ${beta}`);
  if (beta === Infinity) return energies.min(1);
  return logsumexp(energies.mul(-beta), 1).mul(-1 / beta);
}
