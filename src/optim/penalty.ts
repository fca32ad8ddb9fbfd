/** Weight penalties to add to a loss: they are part of the graph, so backward() regularises. */
import { add, scalar } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { tensorList, type Tensors } from "./params.js";
import { checkNumber } from "./validate.js";

/** coefficient·Σ term(p), the coefficient being lambda times a fixed scale. */
function penalty(owner: string, params: Tensors, lambda: number, scale: number, term: (p: Tensor) => Tensor): Tensor {
  checkNumber(owner, "lambda", lambda, { min: 0 });
  const list = tensorList(owner, params);
  if (list.length === 0) return scalar(0);
  return list.map(term).reduce((a, b) => add(a, b)).mul(lambda * scale);
}

/**
 * λ·Σ|w| over every element of params, as a scalar tensor in the graph: add it to the loss for L1
 * regularisation (it pushes weights to exactly zero; the subgradient at 0 is 0).
 */
export function l1Penalty(params: Tensors, lambda: number): Tensor {
  return penalty("l1Penalty", params, lambda, 1, (p) => p.abs().sum());
}

/**
 * (λ/2)·Σw² over every element of params, as a scalar tensor in the graph. Its gradient is λ·w,
 * so adding it to the loss does what an optimiser's weightDecay: λ does.
 */
export function l2Penalty(params: Tensors, lambda: number): Tensor {
  return penalty("l2Penalty", params, lambda, 0.5, (p) => p.square().sum());
}
