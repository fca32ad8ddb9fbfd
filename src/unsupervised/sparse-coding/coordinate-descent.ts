/**
 * Coordinate descent for sparse coding in the form of Gregor & LeCun (2010), Algorithm 2, batched:
 * every sample updates, at each step, the one code unit that would change most.
 *
 *   B = W_dᵀY,  S = I − W_dᵀW_d,  Z = 0
 *   repeat: Z̄ = h_λ(B);  k = argmax |Z − Z̄|;  B ← B + S_{·k}(Z̄_k − Z_k);  Z_k ← Z̄_k
 *   finally Z = h_λ(B)
 *
 * Exact for unit-norm atoms (then the minimiser over z_k alone is h_λ(B_k)). A step costs O(K)
 * per sample where an ISTA step costs O(K²) — the reason LCoD can be cheap.
 */
import { noGrad } from "../../autograd/index.js";
import { eye, zeros } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { shrink } from "./shrink.js";

/** One CoD step on B and Z (threshold θ, a number or a per-unit tensor): [B, Z] after it. Differentiable in B, S and θ. */
export function codStep(b: Tensor, z: Tensor, s: Tensor, theta: number | Tensor): [Tensor, Tensor] {
  const zBar = shrink(b, theta);
  const change = zBar.sub(z);
  const k = noGrad(() => change.abs().argmax(1, true));
  const delta = change.gather(1, k);
  return [b.add(s.indexSelect(0, k.reshape([-1])).mul(delta)), z.scatterAdd(1, k, delta)];
}

/** Z* of signals y [N, D] over the unit-norm atoms weight [K, D] with weight λ, after `steps` CoD steps. */
export function coordinateDescent(y: Tensor, weight: Tensor, lambda: number, steps: number): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`cod: steps must be a non-negative integer, got ${steps}`);
  return noGrad(() => {
    const k = weight.shape[0];
    const s = eye(k).sub(weight.matmul(weight.T));
    let b = y.matmul(weight.T);
    let z = zeros([y.shape[0], k]);
    for (let i = 0; i < steps; i++) [b, z] = codStep(b, z, s, lambda);
    return shrink(b, lambda);
  });
}
