/**
 * A dictionary as a linear operator from codes to signals: W_d z (dense atoms, or a sum of
 * transposed convolutions of code maps) and its adjoint W_dᵀ r, which is all ISTA and FISTA need;
 * and the step size they need, 1/L with L the largest eigenvalue of W_dᵀ W_d, by power iteration.
 */
import { noGrad } from "../../autograd/index.js";
import { randn } from "../../ops/index.js";
import { Generator, type Tensor } from "../../tensor/index.js";

export interface LinearOperator {
  /** Signals W_d z from codes z. */
  apply(z: Tensor): Tensor;
  /** W_dᵀ r: a signal-shaped r carried back to code shape. */
  adjoint(r: Tensor): Tensor;
  /** The shape of one code (with a leading 1), to start the power iteration from. */
  readonly codeShape: readonly number[];
}

/**
 * λ_max(W_dᵀ W_d) by power iteration from a seeded random code, stopped when the Rayleigh
 * quotient changes by less than `tolerance` (relative). It approaches λ_max from below; the
 * 1e-6 default leaves ISTA's step within a millionth of 1/L, which keeps the energy monotone.
 */
export function largestEigenvalue(op: LinearOperator, { iterations = 500, tolerance = 1e-6, seed = 0 } = {}): number {
  return noGrad(() => {
    let v = randn(op.codeShape, { generator: new Generator(seed) });
    let estimate = 0;
    for (let i = 0; i < iterations; i++) {
      v = v.div(v.square().sum().sqrt());
      const w = op.adjoint(op.apply(v));
      const next = v.mul(w).sum().itemSync();
      v = w;
      if (Math.abs(next - estimate) <= tolerance * Math.abs(next)) return next;
      estimate = next;
    }
    return estimate;
  });
}
