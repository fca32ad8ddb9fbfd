/**
 * Hessian-vector products by double backpropagation (Pearlmutter, "Fast exact multiplication by the
 * Hessian", 1994): H·v = ∇ₚ(∇ₚf · v), one gradient with its graph kept and one more backward pass,
 * about the cost of two gradients, without ever forming H.
 */
import { fmtShape, sameShape, ShapeError, type Tensor } from "../tensor/index.js";
import { add, mul } from "../ops/arithmetic.js";
import { zerosLike } from "../ops/creation.js";
import { sum } from "../ops/reduce.js";
import { grad } from "./engine.js";
import { enableGrad } from "./mode.js";

/** The gradient of `loss` with respect to `params` (detached), and H·v for one v per parameter. */
export function gradientAndHessianVector(loss: Tensor, params: readonly Tensor[], v: readonly Tensor[]): { gradient: Tensor[]; hv: Tensor[] } {
  if (v.length !== params.length) throw new Error(`hessianVectorProduct: got ${params.length} parameters but ${v.length} vectors; give one v per parameter`);
  params.forEach((p, i) => {
    if (!sameShape(p.shape, v[i].shape)) throw new ShapeError(`hessianVectorProduct: v[${i}] has shape ${fmtShape(v[i].shape)}, but parameter ${i} has shape ${fmtShape(p.shape)}`);
  });
  return enableGrad(() => {
    const gradient = grad(loss, params, { createGraph: true });
    return { gradient: gradient.map((g) => g.detach()), hv: hessianVectorFromGradients(gradient, params, v) };
  });
}

/**
 * H·v from gradients that carry their graph (grad with createGraph, or .grad after
 * backward({ createGraph: true })), one per parameter.
 */
export function hessianVectorFromGradients(gradient: readonly Tensor[], params: readonly Tensor[], v: readonly Tensor[]): Tensor[] {
  return enableGrad(() => {
    const dot = gradient.map((g, i) => sum(mul(g, v[i]))).reduce((a, b) => add(a, b));
    // a gradient that does not depend on the parameters (f linear in them) has H = 0
    return dot.requiresGrad ? grad(dot, params).map((h) => h.detach()) : params.map((p) => zerosLike(p));
  });
}

/**
 * H·v, where H is the Hessian of the scalar fn() with respect to params (fn is called once, with
 * gradient recording on) and v holds one tensor per parameter, shaped like it.
 */
export function hessianVectorProduct(fn: () => Tensor, params: readonly Tensor[], v: readonly Tensor[]): Tensor[] {
  return gradientAndHessianVector(enableGrad(fn), params, v).hv;
}
