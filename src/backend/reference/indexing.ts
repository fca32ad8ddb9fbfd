import type { TensorData } from "../kernels.js";
import { sameShape, stridesOf } from "../../tensor/shape.js";
import { splitAround } from "./reduce.js";
import { forEachStrided, result } from "./util.js";

/**
 * Walk every position of `index` (shape may be smaller than x's), giving the flat offset into a
 * tensor of `target` strides with the `axis` coordinate left out, the offset into index/src, and the
 * stride along `axis` in the target.
 */
function walkIndex(
  indexShape: readonly number[],
  targetShape: readonly number[],
  axis: number,
  visit: (targetBase: number, indexOffset: number) => void,
): void {
  const targetStrides = stridesOf(targetShape).map((s, d) => (d === axis ? 0 : s));
  const indexStrides = stridesOf(indexShape);
  forEachStrided(indexShape, [targetStrides, indexStrides], (_o, len, off, inner) => {
    let t = off[0];
    let ix = off[1];
    for (let i = 0; i < len; i++, t += inner[0], ix += inner[1]) visit(t, ix);
  });
}

function checkIndex(op: string, v: number, size: number): number {
  if (v < 0 || v >= size || !Number.isInteger(v)) {
    throw new RangeError(`${op}: index ${v} is out of range for a dimension of size ${size}`);
  }
  return v;
}

export function gather(x: TensorData, axis: number, index: TensorData): TensorData {
  const out = result(index.shape, x.dtype);
  const stride = stridesOf(x.shape)[axis];
  const size = x.shape[axis];
  walkIndex(index.shape, x.shape, axis, (base, ix) => {
    out.values[ix] = x.values[base + checkIndex("gather", index.values[ix], size) * stride];
  });
  return out;
}

export function scatterAdd(base: TensorData, axis: number, index: TensorData, src: TensorData): TensorData {
  const out = result(base.shape, base.dtype, base.values.slice());
  const stride = stridesOf(base.shape)[axis];
  const size = base.shape[axis];
  const srcStrides = stridesOf(src.shape);
  const indexStrides = stridesOf(index.shape);
  const sameLayout = sameShape(src.shape, index.shape);
  walkIndex(index.shape, base.shape, axis, (b, ix) => {
    // src may be larger than index; then map the index position to src's layout
    let srcOffset = ix;
    if (!sameLayout) {
      srcOffset = 0;
      let rest = ix;
      for (let d = 0; d < indexStrides.length; d++) {
        const c = Math.floor(rest / indexStrides[d]);
        rest -= c * indexStrides[d];
        srcOffset += c * srcStrides[d];
      }
    }
    out.values[b + checkIndex("scatterAdd", index.values[ix], size) * stride] += src.values[srcOffset];
  });
  return out;
}

export function indexSelect(x: TensorData, axis: number, index: TensorData): TensorData {
  const [outer, size, inner] = splitAround(x.shape, axis, axis);
  const n = index.values.length;
  const outShape = [...x.shape];
  outShape[axis] = n;
  const out = result(outShape, x.dtype);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const src = (o * size + checkIndex("indexSelect", index.values[k], size)) * inner;
      out.values.set(x.values.subarray(src, src + inner), (o * n + k) * inner);
    }
  }
  return out;
}

export function indexAdd(g: TensorData, axis: number, index: TensorData, inShape: readonly number[]): TensorData {
  const [outer, size, inner] = splitAround(inShape, axis, axis);
  const n = index.values.length;
  const out = result(inShape, g.dtype);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const dst = (o * size + checkIndex("indexAdd", index.values[k], size)) * inner;
      const src = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) out.values[dst + i] += g.values[src + i];
    }
  }
  return out;
}
