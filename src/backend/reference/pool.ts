/**
 * Pooling kernels over any number of trailing spatial axes: the max (with its position), a sampled
 * position, the window sum, and the scatters that are their adjoints. Each walks the planes with
 * one window table (see pool-windows.ts) in flat typed-array loops.
 */
import type { PoolAxis, PoolSelection, TensorData } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import { result } from "./util.js";
import { windowTable } from "./pool-windows.js";

/** The leading (plane) dimensions of x when its last `spatial` dimensions are pooled. */
function leading(x: TensorData, spatial: number): number[] {
  return x.shape.slice(0, x.shape.length - spatial);
}

function outputShape(x: TensorData, axes: readonly PoolAxis[]): number[] {
  return [...leading(x, axes.length), ...axes.map((a) => a.first.length)];
}

export function poolMax(x: TensorData, axes: readonly PoolAxis[]): PoolSelection {
  const { start, offsets, inPlane, outPlane } = windowTable(axes);
  const shape = outputShape(x, axes);
  const values = result(shape, x.dtype);
  const indices = result(shape, "int32");
  const xv = x.values;
  const ov = values.values;
  const iv = indices.values;
  const planes = sizeOf(leading(x, axes.length));
  for (let p = 0, ib = 0, ob = 0; p < planes; p++, ib += inPlane, ob += outPlane) {
    for (let o = 0; o < outPlane; o++) {
      let t = start[o];
      const end = start[o + 1];
      if (t === end) {
        // a window entirely in the padding (possible with dilation)
        ov[ob + o] = -Infinity;
        iv[ob + o] = -1;
        continue;
      }
      let at = offsets[t];
      let best = xv[ib + at];
      for (t++; t < end; t++) {
        const off = offsets[t];
        const v = xv[ib + off];
        // NaN propagates, as in PyTorch
        if (v > best || v !== v) {
          best = v;
          at = off;
        }
      }
      ov[ob + o] = best;
      iv[ob + o] = at;
    }
  }
  return { values, indices };
}

export function poolSample(x: TensorData, axes: readonly PoolAxis[], u: TensorData): PoolSelection {
  const { start, offsets, inPlane, outPlane } = windowTable(axes);
  const shape = outputShape(x, axes);
  const values = result(shape, x.dtype);
  const indices = result(shape, "int32");
  const xv = x.values;
  const uv = u.values;
  const ov = values.values;
  const iv = indices.values;
  const planes = sizeOf(leading(x, axes.length));
  for (let p = 0, ib = 0, ob = 0; p < planes; p++, ib += inPlane, ob += outPlane) {
    for (let o = 0; o < outPlane; o++) {
      const end = start[o + 1];
      let mass = 0;
      for (let t = start[o]; t < end; t++) {
        const v = xv[ib + offsets[t]];
        if (v > 0) mass += v;
      }
      let at = -1;
      if (mass > 0) {
        // walk the cumulative mass to the draw; the last positive tap catches rounding at the top
        const target = uv[ob + o] * mass;
        let cumulative = 0;
        for (let t = start[o]; t < end; t++) {
          const v = xv[ib + offsets[t]];
          if (!(v > 0)) continue;
          at = offsets[t];
          cumulative += v;
          if (cumulative > target) break;
        }
      }
      ov[ob + o] = at < 0 ? 0 : xv[ib + at];
      iv[ob + o] = at;
    }
  }
  return { values, indices };
}

export function poolSum(x: TensorData, axes: readonly PoolAxis[]): TensorData {
  const { start, offsets, inPlane, outPlane } = windowTable(axes);
  const out = result(outputShape(x, axes), x.dtype);
  const xv = x.values;
  const ov = out.values;
  const planes = sizeOf(leading(x, axes.length));
  for (let p = 0, ib = 0, ob = 0; p < planes; p++, ib += inPlane, ob += outPlane) {
    for (let o = 0; o < outPlane; o++) {
      let s = 0;
      for (let t = start[o], end = start[o + 1]; t < end; t++) s += xv[ib + offsets[t]];
      ov[ob + o] = s;
    }
  }
  return out;
}

export function poolSumGrad(g: TensorData, axes: readonly PoolAxis[]): TensorData {
  const { start, offsets, inPlane, outPlane } = windowTable(axes);
  const lead = leading(g, axes.length);
  const out = result([...lead, ...axes.map((a) => a.inSize)], g.dtype);
  const gv = g.values;
  const ov = out.values;
  const planes = sizeOf(lead);
  for (let p = 0, ib = 0, ob = 0; p < planes; p++, ib += inPlane, ob += outPlane) {
    for (let o = 0; o < outPlane; o++) {
      const v = gv[ob + o];
      for (let t = start[o], end = start[o + 1]; t < end; t++) ov[ib + offsets[t]] += v;
    }
  }
  return out;
}

export function unpool(x: TensorData, indices: TensorData, planeShape: readonly number[], accumulate: boolean): TensorData {
  const lead = leading(x, planeShape.length);
  const planes = sizeOf(lead);
  const outPlane = sizeOf(planeShape);
  const inPlane = sizeOf(x.shape.slice(lead.length));
  const out = result([...lead, ...planeShape], x.dtype);
  const xv = x.values;
  const iv = indices.values;
  const ov = out.values;
  for (let p = 0, ib = 0, ob = 0; p < planes; p++, ib += inPlane, ob += outPlane) {
    for (let i = 0; i < inPlane; i++) {
      const at = iv[ib + i];
      if (at < 0) continue;
      if (accumulate) ov[ob + at] += xv[ib + i];
      else ov[ob + at] = xv[ib + i];
    }
  }
  return out;
}

export function unpoolGrad(g: TensorData, indices: TensorData, spatialDims: number): TensorData {
  const out = result(indices.shape, g.dtype);
  const planes = sizeOf(leading(indices, spatialDims));
  const gPlane = sizeOf(g.shape.slice(g.shape.length - spatialDims));
  const outPlane = sizeOf(indices.shape.slice(indices.shape.length - spatialDims));
  const gv = g.values;
  const iv = indices.values;
  const ov = out.values;
  for (let p = 0, gb = 0, ob = 0; p < planes; p++, gb += gPlane, ob += outPlane) {
    for (let o = 0; o < outPlane; o++) {
      const at = iv[ob + o];
      ov[ob + o] = at < 0 ? 0 : gv[gb + at];
    }
  }
  return out;
}
