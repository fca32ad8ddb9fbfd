/** Elementwise math functions and their gradients. */
import { kernels } from "../backend/registry.js";
import type { UnaryOp } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { floatOf } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { add, div, mul, sub } from "./arithmetic.js";
import { cast } from "./cast.js";
import { zerosLike } from "./creation.js";
import { where, ge, le } from "./compare.js";
import { reluGradientRule } from "./relu-gradient.js";

/** Run a unary kernel with no graph; functions that need fractions lift int32 to float32 first. */
export function unaryKernel(op: UnaryOp, x: Tensor): Tensor {
  return Tensor.fromData(kernels().unary(op, x));
}

function floatUnary(op: UnaryOp, x: Tensor, grad: (g: Tensor, x: Tensor, y: Tensor) => Tensor): Tensor {
  const input = x.dtype === "int32" ? cast(x, floatOf(x.dtype)) : x;
  const y = unaryKernel(op, input);
  return record(op, y, [input], (g) => [grad(g, input, y)]);
}

/** −x. */
export const neg = (x: Tensor): Tensor => record("neg", unaryKernel("neg", x), [x], (g) => [neg(g)]);
/** eˣ (int32 input gives float32, as for every function below with fractional results). */
export const exp = (x: Tensor): Tensor => floatUnary("exp", x, (g, _x, y) => mul(g, y));
/** Natural logarithm. */
export const log = (x: Tensor): Tensor => floatUnary("log", x, (g, x) => div(g, x));
/** log(1 + x), accurate for small x. */
export const log1p = (x: Tensor): Tensor => floatUnary("log1p", x, (g, x) => div(g, add(x, 1)));
/** eˣ − 1, accurate for small x. */
export const expm1 = (x: Tensor): Tensor => floatUnary("expm1", x, (g, _x, y) => mul(g, add(y, 1)));
/** √x. */
export const sqrt = (x: Tensor): Tensor => floatUnary("sqrt", x, (g, _x, y) => div(g, mul(y, 2)));
/** 1 / √x. */
export const rsqrt = (x: Tensor): Tensor => floatUnary("rsqrt", x, (g, x, y) => mul(g, div(mul(y, -0.5), x)));
/** x² (keeps int32). */
export const square = (x: Tensor): Tensor => record("square", unaryKernel("square", x), [x], (g) => [mul(g, mul(x, 2))]);
/** 1 / x. */
export const reciprocal = (x: Tensor): Tensor => floatUnary("reciprocal", x, (g, _x, y) => mul(g, mul(neg(y), y)));
/** Sine. */
export const sin = (x: Tensor): Tensor => floatUnary("sin", x, (g, x) => mul(g, cos(x)));
/** Cosine. */
export const cos = (x: Tensor): Tensor => floatUnary("cos", x, (g, x) => mul(g, neg(sin(x))));
/** Hyperbolic tangent. */
export const tanh = (x: Tensor): Tensor => floatUnary("tanh", x, (g, _x, y) => mul(g, sub(1, mul(y, y))));
/** 1 / (1 + e⁻ˣ), without overflow for large |x|. */
export const sigmoid = (x: Tensor): Tensor => floatUnary("sigmoid", x, (g, _x, y) => mul(g, mul(y, sub(1, y))));
/** log(1 + eˣ); its derivative is sigmoid(x). */
export const softplus = (x: Tensor): Tensor => floatUnary("softplus", x, (g, x) => mul(g, sigmoid(x)));
/** The error function, 2/√π·∫₀ˣ e^(−t²) dt; d/dx = 2/√π·e^(−x²). The wasm backend leaves it to the reference kernel. */
export const erf = (x: Tensor): Tensor => floatUnary("erf", x, (g, x) => mul(g, mul(exp(neg(square(x))), 2 / Math.sqrt(Math.PI))));
/** max(x, 0); NaN passes through, as in PyTorch. */
export const relu = (x: Tensor): Tensor => record("relu", unaryKernel("relu", x), [x], (g) => [reluMask(g, x)]);

/**
 * ReLU's backward: the gradient g carried back across a ReLU whose input is x, by the rule in
 * force (see withReluGradient; the true gradient unless a visualisation asked for another). x may
 * be ReLU's input or its output: their signs agree.
 */
export function reluMask(g: Tensor, x: Tensor): Tensor {
  switch (reluGradientRule()) {
    case "guided":
      return positiveMask(relu(g), x);
    case "deconvnet":
      return relu(g);
    default:
      return positiveMask(g, x);
  }
}

/**
 * g where x > 0 (or NaN), 0 elsewhere, in one pass, as PyTorch's threshold_backward (so an
 * infinite g at x < 0 gives 0, not NaN). Linear in g, so its own gradient is the same mask of gg,
 * and none for x (ReLU's second derivative is 0).
 */
function positiveMask(g: Tensor, x: Tensor): Tensor {
  const out = Tensor.fromData(kernels().binary("reluMask", g, x, g.shape, g.dtype));
  return record("reluMask", out, [g, x], (gg) => [g.requiresGrad ? positiveMask(gg, x) : null, null]);
}
/** |x|; its gradient at 0 is 0. */
export const abs = (x: Tensor): Tensor => record("abs", unaryKernel("abs", x), [x], (g) => [mul(g, unaryKernel("sign", x))]);

/** Piecewise-constant functions: their gradient is zero wherever it exists. */
function flat(op: UnaryOp) {
  return (x: Tensor): Tensor => record(op, unaryKernel(op, x), [x], (g) => [zerosLike(g)]);
}
/** −1, 0 or 1 by the sign of x (0 for NaN, as PyTorch). */
export const sign = flat("sign");
/** Round down. */
export const floor = flat("floor");
/** Round up. */
export const ceil = flat("ceil");
/** Round half to even, as PyTorch does (2.5 → 2, 3.5 → 4). */
export const round = flat("round");
/** Round toward zero. */
export const trunc = flat("trunc");

/** True (1, int32) where x is NaN. */
export const isnan = (x: Tensor): Tensor => unaryKernel("isnan", x);

/** x limited to [min, max]; the gradient passes where x is inside (bounds included, as PyTorch). */
export function clamp(x: Tensor, min = -Infinity, max = Infinity): Tensor {
  if (min > max) throw new RangeError(`clamp: min (${min}) exceeds max (${max})`);
  const out = Tensor.fromData(kernels().clamp(x, min, max));
  return record("clamp", out, [x], (g) => [where(mul(ge(x, min), le(x, max)), g, 0)]);
}
