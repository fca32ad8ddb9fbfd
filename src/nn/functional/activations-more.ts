/**
 * More activations (issue 15), as PyTorch's: gelu, silu, selu, relu6, hardtanh, hardShrink,
 * softsign, tanhshrink, logSigmoid. Written with ops; where PyTorch's backward picks a value at a
 * kink (hardtanh's bounds, hardshrink's ±λ) the form below picks the same.
 */
import { abs, add, div, erf, gt, lt, mul, neg, sigmoid, softplus, square, sub, tanh, where } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { elu } from "./activations.js";

/** GELU's forms: "none" the exact x·Φ(x) (via erf), "tanh" the approximation of Hendrycks & Gimpel. */
export type GeluApproximation = "none" | "tanh";

/** x·Φ(x), Φ the standard normal CDF (torch.nn.functional.gelu). */
export function gelu(x: Tensor, approximate: GeluApproximation = "none"): Tensor {
  if (approximate === "tanh") {
    // ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))
    const inner = mul(add(x, mul(mul(x, square(x)), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  if (approximate !== "none") throw new TypeError(`gelu: approximate must be "none" or "tanh", got ${JSON.stringify(approximate)}`);
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}

/** x·σ(x), also called swish (torch.nn.functional.silu). */
export function silu(x: Tensor): Tensor {
  return mul(x, sigmoid(x));
}

/** SELU's constants (Klambauer et al. 2017), to PyTorch's digits. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** scale·elu(x, alpha) with the self-normalising constants (torch.nn.functional.selu). */
export function selu(x: Tensor): Tensor {
  return mul(elu(x, SELU_ALPHA), SELU_SCALE);
}

/**
 * x limited to [minVal, maxVal] (torch.nn.functional.hardtanh). The gradient is 1 strictly inside
 * and 0 at the bounds themselves, as PyTorch's hardtanh_backward (clamp would pass it at the bounds).
 */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  if (!(minVal <= maxVal)) throw new RangeError(`hardtanh: minVal (${minVal}) must not exceed maxVal (${maxVal})`);
  const inside = mul(gt(x, minVal), lt(x, maxVal));
  return where(inside, x, where(gt(x, minVal), maxVal, minVal));
}

/** min(max(0, x), 6): hardtanh on [0, 6] (torch.nn.functional.relu6). */
export function relu6(x: Tensor): Tensor {
  return hardtanh(x, 0, 6);
}

/** Hard shrinkage: x where |x| > lambd, 0 elsewhere, ±lambd included (torch.nn.functional.hardshrink). */
export function hardShrink(x: Tensor, lambd = 0.5): Tensor {
  if (!(lambd >= 0)) throw new RangeError(`hardShrink: lambd must be non-negative, got ${lambd}`);
  return where(gt(abs(x), lambd), x, 0);
}

/** x / (1 + |x|) (torch.nn.functional.softsign). */
export function softsign(x: Tensor): Tensor {
  return div(x, add(abs(x), 1));
}

/** x − tanh(x) (torch.nn.functional.tanhshrink). */
export function tanhshrink(x: Tensor): Tensor {
  return sub(x, tanh(x));
}

/**
 * log σ(x) = −log(1 + e^−x) (torch.nn.functional.logsigmoid), through the overflow-free softplus:
 * exact for large |x| (−50 gives −50, 50 gives −e^−50), and its gradient σ(−x) is too.
 */
export function logSigmoid(x: Tensor): Tensor {
  return neg(softplus(neg(x)));
}
