/**
 * Proximal gradient descent for E(z) = f(z) + g(z), f smooth with an L-Lipschitz gradient, g with
 * a cheap proximal map: ISTA (z ← prox_{g/L}(z − ∇f(z)/L); Daubechies, Defrise & De Mol 2004) and
 * FISTA (the same step from an extrapolated point, t_{k+1} = (1 + √(1 + 4t_k²))/2; Beck &
 * Teboulle 2009), batched: z holds every sample's code at once. With g = λ‖·‖₁ the prox is
 * shrinkage; sparse coding, PSD and their convolutional forms are such problems.
 */
import { noGrad } from "../../autograd/index.js";
import type { Tensor } from "../../tensor/index.js";

export interface ProximalProblem {
  /** ∇f at z. */
  gradient(z: Tensor): Tensor;
  /** A Lipschitz constant of ∇f; the step is 1/L. */
  lipschitz: number;
  /**
   * prox_{step·g}(v) = argmin_z g(z)·step + ½‖z − v‖², or, for a g without a cheap prox, the same
   * with g replaced by a quadratic majorizer of g at `from`, the point the gradient step to v left
   * from (a majorize–minimize step: ISTA's energy still never rises).
   */
  prox(v: Tensor, step: number, from: Tensor): Tensor;
}

export interface IterationOptions {
  iterations: number;
  /** Called after each iteration with its number (1-based) and the current code. */
  onIteration?: (iteration: number, z: Tensor) => void;
}

function checkIterations(who: string, iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`${who}: iterations must be a non-negative integer, got ${iterations}`);
}

/** `iterations` ISTA steps from z0. */
export function ista(problem: ProximalProblem, z0: Tensor, { iterations, onIteration }: IterationOptions): Tensor {
  checkIterations("ista", iterations);
  const step = 1 / problem.lipschitz;
  return noGrad(() => {
    let z = z0;
    for (let i = 1; i <= iterations; i++) {
      z = problem.prox(z.sub(problem.gradient(z).mul(step)), step, z);
      onIteration?.(i, z);
    }
    return z;
  });
}

/** `iterations` FISTA steps from z0. */
export function fista(problem: ProximalProblem, z0: Tensor, { iterations, onIteration }: IterationOptions): Tensor {
  checkIterations("fista", iterations);
  const step = 1 / problem.lipschitz;
  return noGrad(() => {
    let z = z0;
    let point = z0;
    let t = 1;
    for (let i = 1; i <= iterations; i++) {
      const next = problem.prox(point.sub(problem.gradient(point).mul(step)), step, point);
      const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      point = next.add(next.sub(z).mul((t - 1) / tNext));
      z = next;
      t = tNext;
      onIteration?.(i, z);
    }
    return z;
  });
}
