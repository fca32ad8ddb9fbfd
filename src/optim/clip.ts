/** Gradient clipping, applied between backward() and step(). */
import { noGrad } from "../autograd/index.js";
import { mul, sum } from "../ops/index.js";
import { Tensor } from "../tensor/index.js";
import { tensorList, type Tensors } from "./params.js";
import { checkNumber } from "./validate.js";

/**
 * Replace p.grad by f(p.grad) elementwise. A new tensor, never an in-place write: the engine may
 * hand the same gradient storage to several leaves (e.g. both inputs of an add).
 */
function mapGrad(p: Tensor, f: (g: number) => number): void {
  const g = p.grad!;
  const values = g.values.map(f);
  p.grad = new Tensor(values, g.shape);
}

export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite instead of scaling by it. Default false. */
  errorIfNonfinite?: boolean;
}

/**
 * Scale the gradients of params together so that their total norm (the norm of all gradients
 * concatenated) is at most maxNorm, as torch.nn.utils.clip_grad_norm_: every gradient is
 * multiplied by maxNorm / (total + 1e-6) when that is below 1. Parameters without a gradient are
 * ignored. normType may be any positive number or Infinity (the largest |g|).
 * @returns the total norm before clipping (0 when no parameter has a gradient).
 */
export function clipGradNorm(params: Tensors, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): number {
  checkNumber("clipGradNorm", "maxNorm", maxNorm, { min: 0 });
  if (normType !== Infinity) checkNumber("clipGradNorm", "normType", normType, { min: 0, minInclusive: false });
  const withGrad = tensorList("clipGradNorm", params).filter((p) => p.grad);
  let total = 0;
  for (const p of withGrad) {
    const g = p.grad!;
    // the common case on the backend's kernels (sums in float64, as the loops below)
    if (normType === 2) total += noGrad(() => sum(mul(g, g))).itemSync();
    else if (normType === Infinity) for (let i = 0; i < g.size; i++) total = Math.max(total, Math.abs(g.values[i]));
    else for (let i = 0; i < g.size; i++) total += Math.abs(g.values[i]) ** normType;
  }
  if (normType !== Infinity) total **= 1 / normType;
  if (options.errorIfNonfinite && !Number.isFinite(total)) {
    throw new RangeError(`clipGradNorm: the total norm of order ${normType} of the gradients is ${total}, so they cannot be clipped`);
  }
  const coefficient = maxNorm / (total + 1e-6);
  if (coefficient < 1) for (const p of withGrad) p.grad = noGrad(() => mul(p.grad!, coefficient));
  return total;
}

/** Clamp every gradient element of params into [−clipValue, clipValue], as torch.nn.utils.clip_grad_value_. */
export function clipGradValue(params: Tensors, clipValue: number): void {
  checkNumber("clipGradValue", "clipValue", clipValue, { min: 0 });
  for (const p of tensorList("clipGradValue", params)) {
    if (p.grad) mapGrad(p, (g) => Math.min(clipValue, Math.max(-clipValue, g)));
  }
}
