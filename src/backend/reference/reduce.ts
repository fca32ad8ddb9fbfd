import type { ReduceOp, TensorData } from "../kernels.js";
import { reducedShape } from "../../tensor/shape.js";
import { permute } from "./layout.js";
import { result } from "./util.js";

/** Split a shape around a contiguous run of axes [first, last] into outer × reduced × inner. */
export function splitAround(shape: readonly number[], first: number, last: number): [number, number, number] {
  let outer = 1;
  let reduced = 1;
  let inner = 1;
  for (let i = 0; i < shape.length; i++) {
    if (i < first) outer *= shape[i];
    else if (i <= last) reduced *= shape[i];
    else inner *= shape[i];
  }
  return [outer, reduced, inner];
}

export function reduce(op: ReduceOp, x: TensorData, axes: readonly number[]): TensorData {
  const outShape = reducedShape(x.shape, axes, true);
  if (axes.length === 0) return result(outShape, x.dtype, x.values.slice());
  const contiguous = axes[axes.length - 1] - axes[0] === axes.length - 1;
  if (!contiguous) {
    // move the reduced axes to the end, then they form one contiguous run
    const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const moved = permute(x, [...kept, ...axes]);
    const r = reduce(op, moved, axes.map((_, i) => kept.length + i));
    return result(outShape, x.dtype, r.values);
  }
  const [outer, reduced, inner] = splitAround(x.shape, axes[0], axes[axes.length - 1]);
  const xv = x.values;
  // accumulate in float64 so float32 sums over large axes stay accurate
  const acc = new Float64Array(outer * inner);
  const init = op === "sum" ? 0 : op === "prod" ? 1 : op === "max" ? -Infinity : Infinity;
  acc.fill(init);
  for (let o = 0; o < outer; o++) {
    const accBase = o * inner;
    for (let r = 0; r < reduced; r++) {
      const xBase = (o * reduced + r) * inner;
      switch (op) {
        case "sum":
          for (let i = 0; i < inner; i++) acc[accBase + i] += xv[xBase + i];
          break;
        case "prod":
          for (let i = 0; i < inner; i++) acc[accBase + i] *= xv[xBase + i];
          break;
        case "max":
          for (let i = 0; i < inner; i++) {
            const v = xv[xBase + i];
            if (v > acc[accBase + i] || v !== v) acc[accBase + i] = v;
          }
          break;
        case "min":
          for (let i = 0; i < inner; i++) {
            const v = xv[xBase + i];
            if (v < acc[accBase + i] || v !== v) acc[accBase + i] = v;
          }
          break;
      }
    }
  }
  const out = result(outShape, x.dtype);
  out.values.set(acc);
  return out;
}

export function argReduce(op: "argmax" | "argmin", x: TensorData, axis: number): TensorData {
  const [outer, reduced, inner] = splitAround(x.shape, axis, axis);
  const out = result(reducedShape(x.shape, [axis], true), "int32");
  const xv = x.values;
  const ov = out.values;
  const better = op === "argmax" ? (v: number, b: number) => v > b : (v: number, b: number) => v < b;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = xv[o * reduced * inner + i];
      let bestIndex = 0;
      for (let r = 1; r < reduced && best === best; r++) {
        const v = xv[(o * reduced + r) * inner + i];
        // NaN wins, as in PyTorch; ties keep the first index
        if (better(v, best) || v !== v) {
          best = v;
          bestIndex = r;
        }
      }
      ov[o * inner + i] = bestIndex;
    }
  }
  return out;
}
