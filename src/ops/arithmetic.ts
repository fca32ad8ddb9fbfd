/** Broadcasting elementwise arithmetic and its gradients. */
import { kernels } from "../backend/registry.js";
import type { BinaryOp } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { promote } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { asTensor, sumTo, type TensorLike } from "./helpers.js";
import { log, neg as negate } from "./math.js";
import { where } from "./compare.js";
import { gt, lt } from "./compare.js";

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

export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("add", binaryKernel("add", x, y), [x, y], (g) => [sumTo(g, x.shape), sumTo(g, y.shape)]);
}

export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("sub", binaryKernel("sub", x, y), [x, y], (g) => [sumTo(g, x.shape), sumTo(negate(g), y.shape)]);
}

export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("mul", binaryKernel("mul", x, y), [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, x), y.shape) : null,
  ]);
}

/** True division for floats; int32 ÷ int32 truncates toward zero. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record("div", binaryKernel("div", x, y), [x, y], (g) => [
    x.requiresGrad ? sumTo(div(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(negate(div(mul(g, x), mul(y, y))), y.shape) : null,
  ]);
}

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  const out = binaryKernel("pow", x, y);
  return record("pow", out, [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, mul(y, pow(x, sub(y, 1)))), x.shape) : null,
    // d(x^y)/dy = x^y · ln x, taken as 0 where x = 0 (the limit PyTorch uses)
    y.requiresGrad ? sumTo(mul(g, where(gt(x, 0), mul(out, log(x)), 0)), y.shape) : null,
  ]);
}

/** Elementwise max; a tie sends half the gradient to each side, as PyTorch does. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return extremum("maximum", a, b);
}

export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return extremum("minimum", a, b);
}

function extremum(op: "maximum" | "minimum", a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  return record(op, binaryKernel(op, x, y), [x, y], (g) => {
    const xWins = op === "maximum" ? gt(x, y) : lt(x, y);
    const yWins = op === "maximum" ? lt(x, y) : gt(x, y);
    const tie = binaryKernel("eq", x, y, "float32");
    const share = (wins: Tensor) => add(wins, mul(tie, 0.5));
    return [sumTo(mul(g, share(xWins)), x.shape), sumTo(mul(g, share(yWins)), y.shape)];
  });
}
