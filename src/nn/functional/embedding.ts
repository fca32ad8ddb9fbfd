/** The functional embedding lookup: rows of a table picked by integer indices. */
import { indexSelect, ne, reshape, where } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

export interface EmbeddingOptions {
  /** An index whose row is returned as stored but receives no gradient (negative counts from the end). */
  paddingIdx?: number | null;
}

/** paddingIdx as a row number of a table with `rows` rows (negative counts from the end), or null. */
export function resolvePaddingIdx(op: string, paddingIdx: number | null | undefined, rows: number): number | null {
  if (paddingIdx === null || paddingIdx === undefined) return null;
  if (!Number.isInteger(paddingIdx) || paddingIdx < -rows || paddingIdx >= rows) {
    throw new RangeError(`${op}: paddingIdx must be an integer in [${-rows}, ${rows - 1}] (numEmbeddings = ${rows}), got ${paddingIdx}`);
  }
  return paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
}

/**
 * weight[input]: an int32 input of any shape gives [...input.shape, embeddingDim] (torch's
 * F.embedding). With paddingIdx, that row's lookups pass no gradient back to the table.
 */
export function embedding(input: Tensor, weight: Tensor, { paddingIdx }: EmbeddingOptions = {}): Tensor {
  if (input.dtype !== "int32") throw new TypeError(`embedding: indices must be int32, got ${input.dtype} of shape ${fmtShape(input.shape)}`);
  if (weight.ndim !== 2) throw new ShapeError(`embedding: weight must be 2-D [numEmbeddings, embeddingDim], got shape ${fmtShape(weight.shape)}`);
  const [rows, dim] = weight.shape;
  const pad = resolvePaddingIdx("embedding", paddingIdx, rows);
  const bad = input.values.findIndex((i) => i < 0 || i >= rows);
  if (bad >= 0) throw new RangeError(`embedding: index ${input.values[bad]} is out of range for a table of ${rows} rows (valid: 0…${rows - 1})`);
  const flat = reshape(input, [input.size]);
  let rowsPicked = indexSelect(weight, 0, flat);
  if (pad !== null) {
    // the same values either way; only the detached copy is used where the index is the padding row
    const keep = reshape(ne(flat, pad), [input.size, 1]);
    rowsPicked = where(keep, rowsPicked, indexSelect(weight.detach(), 0, flat));
  }
  return reshape(rowsPicked, [...input.shape, dim]);
}
