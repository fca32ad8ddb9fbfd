/**
 * The pointwise half of an LSTM step as one op over a fused kernel. The layers compute the gate
 * pre-activations with matrix products and hand them here, so a time step is a handful of graph
 * nodes rather than the fifteen or so of the cell written in elementwise ops.
 */
import { kernels } from "../backend/registry.js";
import { isGradEnabled } from "../autograd/mode.js";
import { floatOf, promote } from "../tensor/dtype.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { add, mul, sub } from "./arithmetic.js";
import { cast } from "./cast.js";
import { zerosLike } from "./creation.js";
import { sigmoid, tanh } from "./math.js";
import { recordMultiOutput } from "./multi-output.js";
import { concat, narrow } from "./slice.js";

/**
 * One LSTM step from its gate pre-activations: gates [B, 4H] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh with
 * PyTorch's blocks i, f, g, o, and the cell state c [B, H]. Returns c′ = σ(f)·c + σ(i)·tanh(g) and
 * h′ = σ(o)·tanh(c′), both differentiable in gates and c (and to any order: under createGraph the
 * gradient is written in ops instead of the fused kernel). For the whole cell from x, h and the
 * weights, see nn.functional.lstmCell.
 */
export function lstmCell(gates: Tensor, c: Tensor): { h: Tensor; c: Tensor } {
  if (c.ndim !== 2 || gates.ndim !== 2 || gates.shape[0] !== c.shape[0] || gates.shape[1] !== 4 * c.shape[1]) {
    throw new ShapeError(
      `lstmCell: expected gates [batch, 4·hidden] and c [batch, hidden], got gates ${fmtShape(gates.shape)} and c ${fmtShape(c.shape)}`,
    );
  }
  const dtype = floatOf(promote(gates.dtype, c.dtype));
  const g = cast(gates, dtype);
  const cPrev = cast(c, dtype);
  const out = kernels().lstmCell(g, cPrev);
  const h = Tensor.fromData(out.h);
  const cNext = Tensor.fromData(out.c);
  recordMultiOutput("lstmCell", [h, cNext], [g, cPrev], ([gradH, gradC]) => {
    if (isGradEnabled()) return gradientsByOps(g, cPrev, gradH, gradC);
    const grads = kernels().lstmCellBackward(gradH, gradC, cPrev, out.activations, out.tanhC);
    return [Tensor.fromData(grads.gates), Tensor.fromData(grads.c)];
  });
  return { h, c: cNext };
}

/** The fused kernel's gradients recomputed from the inputs with ops, so they can be differentiated again. */
function gradientsByOps(gates: Tensor, c: Tensor, gradH: Tensor | null, gradC: Tensor | null): Tensor[] {
  const hidden = c.shape[1];
  const block = (k: number) => narrow(gates, 1, k * hidden, hidden);
  const [i, f, o] = [0, 1, 3].map((k) => sigmoid(block(k)));
  const g = tanh(block(2));
  const tc = tanh(add(mul(f, c), mul(i, g)));
  const dh = gradH ?? zerosLike(c);
  // c′ reaches the loss directly and through h′ = o·tanh(c′)
  const dcNext = add(gradC ?? zerosLike(c), mul(mul(dh, o), sub(1, mul(tc, tc))));
  const sigmoidSlope = (s: Tensor) => mul(s, sub(1, s));
  const gradGates = concat([
    mul(mul(dcNext, g), sigmoidSlope(i)),
    mul(mul(dcNext, c), sigmoidSlope(f)),
    mul(mul(dcNext, i), sub(1, mul(g, g))),
    mul(mul(dh, tc), sigmoidSlope(o)),
  ], 1);
  return [gradGates, mul(dcNext, f)];
}
