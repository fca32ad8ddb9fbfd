/**
 * The diagonal of the Hessian, estimated for the second-order optimisers (SDLM, vSGD) from
 * gradients that carry their graph: Hutchinson's estimator z ⊙ Hz with random ±1 entries in z,
 * unbiased since E[zᵢzⱼ] = δᵢⱼ (Bekas, Kokiopoulou & Saad, 2007). It stands in for the papers'
 * backpropagated Gauss–Newton diagonal ("bbprop"), which would be a hand-derived second backward
 * pass for each op; one Hessian-vector product costs about two gradients.
 */
import { hessianVectorFromGradients } from "../autograd/index.js";
import { allocate, defaultGenerator, Tensor, type Generator } from "../tensor/index.js";

/**
 * |z ⊙ Hz| for each parameter (the curvature's magnitude, as both papers use), from the parameters'
 * .grad, which must carry their graph: `who` names the optimiser in the error when they do not.
 */
export function diagonalCurvature(who: string, params: readonly Tensor[], generator: Generator = defaultGenerator): Float64Array[] {
  const gradients = params.map((p) => p.grad!);
  if (!gradients.some((g) => g.requiresGrad)) {
    throw new Error(`${who}.step: the gradients carry no graph, so the curvature cannot be measured; call loss.backward(undefined, { createGraph: true }) before step()`);
  }
  const z = params.map((p) => {
    const signs = allocate(p.dtype, p.size);
    for (let i = 0; i < signs.length; i++) signs[i] = generator.uniform() < 0.5 ? -1 : 1;
    return new Tensor(signs, p.shape);
  });
  const hz = hessianVectorFromGradients(gradients, params, z);
  return hz.map((h, i) => Float64Array.from(h.values, (v, j) => Math.abs(v * z[i].values[j])));
}
