/** The points t-SNE embeds: a [N, D] tensor or an array of rows, checked and copied to float64. */
import { Tensor, fmtShape } from "../tensor/index.js";

export interface Points {
  /** Row-major [n, d]. */
  values: Float64Array;
  n: number;
  d: number;
}

/** The data as float64 rows, or an error naming what is wrong with it (not 2-D, ragged, not finite). */
export function readPoints(data: Tensor | readonly (readonly number[])[]): Points {
  if (data instanceof Tensor) return fromTensor(data);
  if (!Array.isArray(data)) throw new TypeError(`tsne: data must be a Tensor of shape [N, D] or an array of number arrays, got ${describe(data)}`);
  return fromRows(data);
}

function fromTensor(t: Tensor): Points {
  if (t.shape.length !== 2) throw new RangeError(`tsne: data must be 2-D [N, D] (one row per point), got shape ${fmtShape(t.shape)}`);
  const [n, d] = t.shape;
  checkSize(n, d);
  const values = Float64Array.from(t.values);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`tsne: data must be finite, but row ${Math.floor(bad / d)}, column ${bad % d} is ${values[bad]}`);
  return { values, n, d };
}

function fromRows(rows: readonly (readonly number[])[]): Points {
  const n = rows.length;
  const d = n > 0 && Array.isArray(rows[0]) ? rows[0].length : 0;
  checkSize(n, d);
  const values = new Float64Array(n * d);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) {
      throw new RangeError(`tsne: every row must hold D = ${d} numbers (the length of row 0), but row ${i} is ${describe(row)}`);
    }
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`tsne: data must be finite numbers, but row ${i}, column ${j} is ${describe(v)}`);
      values[i * d + j] = v;
    });
  });
  return { values, n, d };
}

/** ‖row i − row j‖² of a row-major array with `width` numbers per row. */
export function squaredDistance(rows: Float64Array, i: number, j: number, width: number): number {
  let sum = 0;
  for (let c = 0; c < width; c++) {
    const diff = rows[i * width + c] - rows[j * width + c];
    sum += diff * diff;
  }
  return sum;
}

function checkSize(n: number, d: number): void {
  if (n < 2) throw new RangeError(`tsne: data needs at least 2 points (rows), got ${n}`);
  if (d < 1) throw new RangeError(`tsne: each point needs at least 1 feature (column), got ${d}`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
