/** Matrix products: batched, broadcasting over leading dimensions, with transposes folded in. */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import { promote } from "../tensor/dtype.js";
import { broadcastShapes, fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { cast } from "./cast.js";
import { sumTo } from "./helpers.js";
import { reshape, squeeze } from "./shape.js";

/**
 * op(a) · op(b) over the last two dimensions, where op transposes when asked. Folding the
 * transpose into the kernel spares a copy in Linear (x · Wᵀ) and in every backward pass.
 */
export function matmulT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  if (a.ndim < 2 || b.ndim < 2) {
    throw new ShapeError(`matmul: both operands need at least 2 dimensions here, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  const dtype = promote(a.dtype, b.dtype);
  const x = cast(a, dtype);
  const y = cast(b, dtype);
  const k1 = transA ? x.shape[x.ndim - 2] : x.shape[x.ndim - 1];
  const k2 = transB ? y.shape[y.ndim - 1] : y.shape[y.ndim - 2];
  if (k1 !== k2) {
    const t = (s: boolean) => (s ? "ᵀ" : "");
    throw new ShapeError(
      `matmul: inner dimensions differ: A${t(transA)} ${fmtShape(x.shape)} · B${t(transB)} ${fmtShape(y.shape)} ` +
        `(A's columns ${k1} must equal B's rows ${k2})`,
    );
  }
  const batch = broadcastShapes("matmul (batch dimensions)", x.shape.slice(0, -2), y.shape.slice(0, -2));
  const out = Tensor.fromData(kernels().matmul(x, y, transA, transB, batch));
  return record("matmul", out, [x, y], (g) => {
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (x.requiresGrad) {
      ga = transA ? matmulT(y, g, transB, true) : matmulT(g, y, false, !transB);
      ga = sumTo(ga, x.shape);
    }
    if (y.requiresGrad) {
      gb = transB ? matmulT(g, x, true, transA) : matmulT(x, g, !transA, false);
      gb = sumTo(gb, y.shape);
    }
    return [ga, gb];
  });
}

/** PyTorch's matmul: vectors are promoted to matrices and the added dimension removed again. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(`matmul: operands must have at least 1 dimension, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  const aColumns = a.shape[a.ndim - 1];
  const bRows = b.shape[Math.max(0, b.ndim - 2)];
  if (aColumns !== bRows) {
    throw new ShapeError(
      `matmul: inner dimensions differ: ${fmtShape(a.shape)} · ${fmtShape(b.shape)} (A's last dimension ${aColumns} must equal ` +
        `B's ${b.ndim === 1 ? "length" : "second-to-last dimension"} ${bRows})`,
    );
  }
  const x = a.ndim === 1 ? reshape(a, [1, a.shape[0]]) : a;
  const y = b.ndim === 1 ? reshape(b, [b.shape[0], 1]) : b;
  let out = matmulT(x, y, false, false);
  if (b.ndim === 1) out = squeeze(out, -1);
  if (a.ndim === 1) out = squeeze(out, b.ndim === 1 ? -1 : -2);
  return out;
}
