/** The soft-threshold (shrinkage) function h_θ(x) = sign(x)·max(|x| − θ, 0): the proximal map of θ‖·‖₁. */
import type { Tensor } from "../../tensor/index.js";

/**
 * h_θ(x) elementwise; θ a number or a tensor broadcast against x (LISTA's per-unit thresholds).
 * Composed as relu(x − θ) − relu(−x − θ), so gradients reach both x and a trainable θ.
 */
export function shrink(x: Tensor, theta: number | Tensor): Tensor {
  return x.sub(theta).relu().sub(x.neg().sub(theta).relu());
}
