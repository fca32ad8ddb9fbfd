/** Elementwise arithmetic on JavaScript integer values with ONNX (NumPy) broadcasting, for shape computations. */
import { IntValue } from "./values.js";

/** The broadcast dims of a and b, or null when they do not broadcast. */
function broadcastDims(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** The flat index into a value of dims `from` for each flat index of the broadcast dims `to`. */
function sourceIndices(from: readonly number[], to: readonly number[]): number[] {
  const size = to.reduce((n, d) => n * d, 1);
  const lead = to.length - from.length;
  return Array.from({ length: size }, (_, flat) => {
    let index = 0;
    let stride = 1;
    for (let d = to.length - 1, rest = flat; d >= 0; d--) {
      const coordinate = rest % to[d];
      rest = Math.floor(rest / to[d]);
      if (d >= lead) {
        const n = from[d - lead];
        index += (n === 1 ? 0 : coordinate) * stride;
        stride *= n;
      }
    }
    return index;
  });
}

/** f applied elementwise to broadcast a and b; null when their dims do not broadcast. */
export function intBinary(a: IntValue, b: IntValue, f: (x: number, y: number) => number): IntValue | null {
  const dims = broadcastDims(a.dims, b.dims);
  if (!dims) return null;
  const ia = sourceIndices(a.dims, dims);
  const ib = sourceIndices(b.dims, dims);
  return new IntValue(dims, ia.map((i, k) => f(a.data[i], b.data[ib[k]])));
}
