/**
 * Readable printing of tensors, following PyTorch's rules so the two print the same numbers the
 * same way: nested brackets, right-aligned columns, 4 decimals (whole numbers as "2."), scientific
 * notation when magnitudes span more than 1000× or leave [1e-4, 1e8], rows wrapped at 80 characters,
 * and tensors of more than 1000 elements summarised by their first and last 3 entries per dimension.
 * Also how any value is named in error messages (describeValue).
 */
import type { DType, TypedArray } from "./dtype.js";
import { stridesOf } from "./shape.js";

const EDGE_ITEMS = 3;
const SUMMARISE_OVER = 1000;
const LINE_WIDTH = 80;
const PRECISION = 4;
const PREFIX = "tensor(";

/** How every element of one tensor is written: a common notation, padded to a common width. */
interface NumberStyle {
  width: number;
  text(v: number): string;
}

function nonFinite(v: number): string | null {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return null;
}

/** Like Python's "{:.Nf}": also keeps the sign of negative zero, which toFixed drops. */
function fixed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return Object.is(v, -0) ? `-${s}` : s;
}

/** Like Python's "{:.Ne}": at least two exponent digits ("1.0000e+00", not toExponential's "e+0"). */
function scientific(v: number): string {
  const [mantissa, exponent] = v.toExponential(PRECISION).split("e");
  const sign = exponent[0];
  const digits = exponent.slice(1).padStart(2, "0");
  return `${Object.is(v, -0) ? "-" : ""}${mantissa}e${sign}${digits}`;
}

function widest(texts: readonly string[]): number {
  return texts.reduce((w, t) => Math.max(w, t.length), 1);
}

/** PyTorch's _Formatter: the notation is chosen from the non-zero finite values shown. */
function chooseStyle(shown: readonly number[], dtype: DType): NumberStyle {
  if (dtype === "int32") return { width: widest(shown.map(String)), text: String };
  const wholeText = (v: number) => nonFinite(v) ?? `${fixed(v, 0)}.`;
  const finite = shown.filter((v) => Number.isFinite(v) && v !== 0);
  if (finite.length === 0) return { width: 1, text: wholeText };
  const magnitudes = finite.map(Math.abs);
  const max = magnitudes.reduce((a, b) => Math.max(a, b));
  const min = magnitudes.reduce((a, b) => Math.min(a, b));
  const wholeNumbers = finite.every(Number.isInteger);
  const scientificNeeded = max / min > 1000 || max > 1e8 || (!wholeNumbers && min < 1e-4);
  const text = scientificNeeded
    ? (v: number) => nonFinite(v) ?? scientific(v)
    : wholeNumbers
      ? wholeText
      : (v: number) => nonFinite(v) ?? fixed(v, PRECISION);
  return { width: widest(finite.map(text)), text };
}

/** The positions along a dimension of size n that are printed (null marks the elision). */
function picks(n: number, summarise: boolean): (number | null)[] {
  if (summarise && n > 2 * EDGE_ITEMS) {
    const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
    const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i);
    return [...head, null, ...tail];
  }
  return Array.from({ length: n }, (_, i) => i);
}

/** The text of a tensor as `tensor([...], dtype=…)`, laid out as described above. */
export function formatTensor(values: TypedArray, shape: readonly number[], dtype: DType): string {
  const suffix = dtype === "float32" ? "" : `, dtype=${dtype}`;
  if (values.length === 0) {
    const size = shape.length === 1 ? "" : `, size=[${shape.join(", ")}]`;
    return `${PREFIX}[]${size}${suffix})`;
  }
  const summarise = values.length > SUMMARISE_OVER;
  const strides = stridesOf(shape);

  // only the elements actually printed decide the notation and width, as in PyTorch
  const shown: number[] = [];
  const collect = (dim: number, offset: number): void => {
    if (dim === shape.length) {
      shown.push(values[offset]);
      return;
    }
    for (const i of picks(shape[dim], summarise)) if (i !== null) collect(dim + 1, offset + i * strides[dim]);
  };
  collect(0, 0);
  const style = chooseStyle(shown, dtype);
  const cell = (v: number) => style.text(v).padStart(style.width);

  const render = (dim: number, offset: number, indent: number): string => {
    const positions = picks(shape[dim], summarise);
    if (dim === shape.length - 1) {
      const items = positions.map((i) => (i === null ? " ..." : cell(values[offset + i])));
      const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (style.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
      return `[${lines.join(`,\n${" ".repeat(indent + 1)}`)}]`;
    }
    const rows = positions.map((i) => (i === null ? "..." : render(dim + 1, offset + i * strides[dim], indent + 1)));
    const separator = `,${"\n".repeat(shape.length - dim - 1)}${" ".repeat(indent + 1)}`;
    return `[${rows.join(separator)}]`;
  };
  const body = shape.length === 0 ? cell(values[0]) : render(0, 0, PREFIX.length);
  return `${PREFIX}${body}${suffix})`;
}

/** What a value is, for error messages: "a Date", "a number", "null", "undefined". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `a ${value.constructor?.name ?? "object"}`;
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}
