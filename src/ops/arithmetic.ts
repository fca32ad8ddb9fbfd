/** Broadcasting elementwise arithmetic and its gradients. */
import { kernels } from "../backend/registry.js";
import type { BinaryOp } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { promote } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { cast } from "./cast.js";
import { zerosLike } from "./creation.js";
import { asTensor, sumTo, type TensorLike } from "./helpers.js";
import { log, neg as negate, unaryKernel } from "./math.js";
import { eq, ge, gt, lt, where } from "./compare.js";

/** Run a binary kernel with broadcasting and dtype promotion; no graph recorded. */
export function binaryKernel(op: BinaryOp, a: Tensor, b: Tensor, outDtype = promote(a.dtype, b.dtype)): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  return Tensor.fromData(kernels().binary(op, a, b, shape, outDtype));
}

function operands(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (typeof a === "number" && typeof b === "number") return [asTensor(a, "float32"), asTensor(b, "float32")];
  const ta = typeof a === "number" ? asTensor(a, (b as Tensor).dtype) : a;
  const tb = typeof b === "number" ? asTensor(b, ta.dtype) : b;
  return [ta, tb];
}

/** a + b, broadcasting; numbers are allowed on either side. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("add", binaryKernel("add", x, y), [x, y], (g) => [
    x.requiresGrad ? sumTo(g, x.shape) : null,
    y.requiresGrad ? sumTo(g, y.shape) : null,
  ]);
}

/** a − b, broadcasting. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("sub", binaryKernel("sub", x, y), [x, y], (g) => [
    x.requiresGrad ? sumTo(g, x.shape) : null,
    y.requiresGrad ? sumTo(negate(g), y.shape) : null,
  ]);
}

/** a · b elementwise, broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("mul", binaryKernel("mul", x, y), [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, x), y.shape) : null,
  ]);
}

/**
 * a ÷ b. Without a rounding mode this is true division, as in PyTorch: int32 ÷ int32 gives float32
 * (so `correct.sum().div(n)` is a fraction, not 0). "trunc" rounds the quotient toward zero and
 * "floor" down, keeping int32 when both operands are int32; their gradient is zero.
 */
export function div(a: TensorLike, b: TensorLike, roundingMode?: "trunc" | "floor"): Tensor {
  const [p, q] = operands(a, b);
  if (roundingMode !== undefined) return roundedDiv(p, q, roundingMode);
  const bothInt = p.dtype === "int32" && q.dtype === "int32";
  const x = bothInt ? cast(p, "float32") : p;
  const y = bothInt ? cast(q, "float32") : q;
  return record("div", binaryKernel("div", x, y), [x, y], (g) => [
    x.requiresGrad ? sumTo(div(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(negate(div(mul(g, x), mul(y, y))), y.shape) : null,
  ]);
}

function roundedDiv(x: Tensor, y: Tensor, mode: "trunc" | "floor"): Tensor {
  if (mode !== "trunc" && mode !== "floor") throw new TypeError(`div: roundingMode must be "trunc" or "floor", got ${JSON.stringify(mode)}`);
  const dtype = promote(x.dtype, y.dtype);
  // int32 quotients are formed in float64, where rounding toward an integer cannot cross one
  const quotient = binaryKernel("div", x, y, dtype === "int32" ? "float64" : dtype);
  const rounded = cast(unaryKernel(mode, quotient), dtype);
  return record("div", rounded, [x, y], () => [zerosLike(x), zerosLike(y)]);
}

/** a raised to b elementwise, broadcasting (either may be a number). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  if (x.dtype === "int32" && y.dtype === "int32" && y.values.some((v) => v < 0)) {
    throw new RangeError("pow: int32 raised to a negative int32 power is not an integer; cast the base to float first (as PyTorch requires)");
  }
  const out = binaryKernel("pow", x, y);
  return record("pow", out, [x, y], (g) => [
    // d(x^y)/dx = y·x^(y-1), defined as 0 where y = 0 (x⁰ is constant even at x = 0)
    x.requiresGrad ? sumTo(where(eq(y, 0), 0, mul(g, mul(y, pow(x, sub(y, 1))))), x.shape) : null,
    // d(x^y)/dy = x^y · ln x; PyTorch defines it as 0 where x = 0 and y ≥ 0 (NaN for x < 0 stays)
    y.requiresGrad ? sumTo(mul(g, where(mul(eq(x, 0), ge(y, 0)), 0, mul(out, log(x)))), y.shape) : null,
  ]);
}

/** Elementwise max; a tie sends half the gradient to each side, as PyTorch does. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return extremum("maximum", a, b);
}

/** Elementwise min; a tie sends half the gradient to each side, as PyTorch does. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return extremum("minimum", a, b);
}

/**
 * PyTorch's rule: each side gets the gradient except where it loses, and half of it on a tie; where
 * either is NaN neither loses, so both get all of it.
 */
function extremum(op: "maximum" | "minimum", a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record(op, binaryKernel(op, x, y), [x, y], (g) => {
    const tie = binaryKernel("eq", x, y, g.dtype);
    const xLoses = op === "maximum" ? lt(x, y) : gt(x, y);
    const yLoses = op === "maximum" ? gt(x, y) : lt(x, y);
    const share = (loses: Tensor) => sub(sub(1, loses), mul(tie, 0.5));
    return [
      x.requiresGrad ? sumTo(mul(g, share(xLoses)), x.shape) : null,
      y.requiresGrad ? sumTo(mul(g, share(yLoses)), y.shape) : null,
    ];
  });
}
