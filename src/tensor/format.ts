/** Readable printing of tensors, in the style of PyTorch: nested brackets, aligned columns, elision. */
import type { DType, TypedArray } from "./dtype.js";

const EDGE = 3; // elements shown at each end of a long dimension
const SUMMARISE_OVER = 1000;

function formatNumber(v: number, dtype: DType, fixed: boolean, digits: number): string {
  if (dtype === "int32") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return fixed ? v.toFixed(digits) : v.toExponential(digits);
}

export function formatTensor(values: TypedArray, shape: readonly number[], dtype: DType): string {
  const summarise = values.length > SUMMARISE_OVER;
  // pick fixed or scientific notation from the magnitudes present, like PyTorch
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const v of values) {
    const a = Math.abs(v);
    if (!Number.isFinite(a)) continue;
    if (a > maxAbs) maxAbs = a;
    if (a > 0 && a < minAbs) minAbs = a;
  }
  const fixed = maxAbs < 1e8 && (minAbs === Infinity || minAbs >= 1e-4) && maxAbs / Math.max(minAbs, 1e-30) < 1e8;
  const digits = 4;
  const cells: string[] = [];
  for (const v of values) cells.push(formatNumber(v, dtype, fixed, digits));
  const width = Math.max(1, ...cells.map((c) => c.length));
  const pad = (s: string) => s.padStart(width);

  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  const render = (dim: number, offset: number, indent: string): string => {
    if (dim === shape.length) return pad(cells[offset]);
    const n = shape[dim];
    const picks: (number | null)[] = [];
    if (summarise && n > 2 * EDGE) {
      for (let i = 0; i < EDGE; i++) picks.push(i);
      picks.push(null);
      for (let i = n - EDGE; i < n; i++) picks.push(i);
    } else for (let i = 0; i < n; i++) picks.push(i);
    const parts = picks.map((i) => (i === null ? "..." : render(dim + 1, offset + i * strides[dim], indent + " ")));
    if (dim === shape.length - 1) return `[${parts.join(", ")}]`;
    const sep = ",\n".repeat(shape.length - dim - 1) + indent + " ";
    return `[${parts.join(sep)}]`;
  };
  const body = shape.length === 0 ? cells[0] : render(0, 0, "       ");
  const suffix = dtype === "float32" ? "" : `, dtype=${dtype}`;
  return `tensor(${body}${suffix})`;
}
