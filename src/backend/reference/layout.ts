import type { TensorData } from "../kernels.js";
import { broadcastStrides, sizeOf, stridesOf } from "../../tensor/shape.js";
import { forEachStrided, result } from "./util.js";

/** Copy `x` read through `strides` (one per output dim, starting at `base`) into a contiguous array. */
function gatherStrided(x: TensorData, outShape: readonly number[], strides: readonly number[], base = 0): TensorData {
  const out = result(outShape, x.dtype);
  const xv = x.values;
  const ov = out.values;
  forEachStrided(outShape, [strides], (o, len, off, inner) => {
    const s = inner[0];
    let ix = base + off[0];
    if (s === 1) ov.set(xv.subarray(ix, ix + len), o);
    else for (let i = 0; i < len; i++, ix += s) ov[o + i] = xv[ix];
  });
  return out;
}

export function permute(x: TensorData, perm: readonly number[]): TensorData {
  const inStrides = stridesOf(x.shape);
  const outShape = perm.map((p) => x.shape[p]);
  return gatherStrided(x, outShape, perm.map((p) => inStrides[p]));
}

export function broadcastTo(x: TensorData, shape: readonly number[]): TensorData {
  return gatherStrided(x, shape, broadcastStrides(x.shape, shape));
}

export function slice(x: TensorData, starts: readonly number[], steps: readonly number[], outShape: readonly number[]): TensorData {
  const inStrides = stridesOf(x.shape);
  let base = 0;
  for (let d = 0; d < starts.length; d++) base += starts[d] * inStrides[d];
  return gatherStrided(x, outShape, inStrides.map((s, d) => s * steps[d]), base);
}

export function sliceGrad(g: TensorData, inShape: readonly number[], starts: readonly number[], steps: readonly number[]): TensorData {
  const out = result(inShape, g.dtype);
  const inStrides = stridesOf(inShape);
  let base = 0;
  for (let d = 0; d < starts.length; d++) base += starts[d] * inStrides[d];
  const gv = g.values;
  const ov = out.values;
  forEachStrided(g.shape, [inStrides.map((s, d) => s * steps[d])], (o, len, off, inner) => {
    let ix = base + off[0];
    for (let i = 0; i < len; i++, ix += inner[0]) ov[ix] += gv[o + i];
  });
  return out;
}

export function concat(xs: readonly TensorData[], axis: number): TensorData {
  const first = xs[0];
  const outShape = [...first.shape];
  outShape[axis] = xs.reduce((n, x) => n + x.shape[axis], 0);
  const out = result(outShape, first.dtype);
  const values = out.values;
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= outShape[d];
  const outRow = sizeOf(outShape.slice(axis));
  let column = 0;
  for (const x of xs) {
    const row = sizeOf(x.shape.slice(axis));
    for (let o = 0; o < outer; o++) values.set(x.values.subarray(o * row, (o + 1) * row), o * outRow + column);
    column += row;
  }
  return out;
}
