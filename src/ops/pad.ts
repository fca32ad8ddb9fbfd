/** Constant padding of the last dimensions, as PyTorch's F.pad (mode "constant"). */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { add } from "./arithmetic.js";
import { ones } from "./creation.js";
import { index, type IndexSpec } from "./slice.js";

/** x written into zeros of `shape` with its first element at `starts`; the gradient is the matching slice. */
function embed(x: Tensor, shape: readonly number[], starts: readonly number[]): Tensor {
  const out = Tensor.fromData(kernels().sliceGrad(x, shape, starts, starts.map(() => 1)));
  const window: IndexSpec[] = x.shape.map((n, d) => [starts[d], starts[d] + n]);
  return record("pad", out, [x], (g) => [index(g, ...window)]);
}

/**
 * Pad the last dimensions of x with `value`: `pads` lists (before, after) pairs starting from the
 * last dimension, as F.pad — [left, right] pads width, [left, right, top, bottom] width and height.
 * Negative amounts crop.
 */
export function pad(x: Tensor, pads: readonly number[], value = 0): Tensor {
  if (pads.length % 2 !== 0 || pads.length / 2 > x.ndim || pads.some((p) => !Number.isInteger(p))) {
    throw new RangeError(
      `pad: pads must be integer (before, after) pairs for at most the ${x.ndim} dimensions of shape ${fmtShape(x.shape)}, got [${pads.join(", ")}]`,
    );
  }
  const before = x.shape.map(() => 0);
  const after = x.shape.map(() => 0);
  for (let i = 0; i < pads.length / 2; i++) {
    before[x.ndim - 1 - i] = pads[2 * i];
    after[x.ndim - 1 - i] = pads[2 * i + 1];
  }
  const shape = x.shape.map((n, d) => n + before[d] + after[d]);
  if (shape.some((n) => n < 0)) throw new ShapeError(`pad: cropping by [${pads.join(", ")}] leaves nothing of shape ${fmtShape(x.shape)}`);
  const cropped = before.some((p) => p < 0) || after.some((p) => p < 0)
    ? index(x, ...x.shape.map((n, d): IndexSpec => [Math.max(0, -before[d]), n - Math.max(0, -after[d])]))
    : x;
  if (before.every((p) => p <= 0) && after.every((p) => p <= 0)) return cropped;
  const starts = before.map((p) => Math.max(0, p));
  const padded = embed(cropped, shape, starts);
  if (value === 0) return padded;
  // the border: value where the embedding left zeros, 0 over the data (so the data stays exact)
  const border = Tensor.fromData(kernels().sliceGrad(ones(cropped.shape, { dtype: x.dtype }), shape, starts, starts.map(() => 1)));
  const fill = border.values;
  for (let i = 0; i < fill.length; i++) fill[i] = fill[i] === 1 ? 0 : value;
  return add(padded, border);
}
