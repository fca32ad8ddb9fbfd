/**
 * Position encoding of a sentence for end-to-end memory networks (Sukhbaatar et al. 2015, §4.1):
 * word j of a J-word sentence is weighted, per embedding dimension k of d, by
 *   "paper":  l_kj = (1 − j/J) − (k/d)(1 − 2j/J)                  (j and k counted from 1)
 *   "matlab": l_kj = 1 + 4 (k − (d + 1)/2) (j − (J + 1)/2) / (d J)
 * so that the sum of the weighted word vectors depends on word order, unlike a bag of words. The
 * second is what the authors' Matlab code computes (MemN2N-babi-matlab/build_model.m): about twice
 * the first, weights of mean 1 rather than 1/2 (their code also fixes J at the longest sentence; J
 * here stays each sentence's length, which measured the same on the generated tasks 15 and 16).
 */
import { defineOp } from "../autograd/index.js";
import { tensor } from "../ops/index.js";
import { allocate, fmtShape, ShapeError, Tensor, type TypedArray } from "../tensor/index.js";

export type PositionForm = "paper" | "matlab";

/** l_kj for one sentence of `words` words: [words][dim], row j−1 the weights of word j. */
export function positionEncoding(words: number, dim: number, form: PositionForm = "paper"): number[][] {
  if (!Number.isInteger(words) || words < 1 || !Number.isInteger(dim) || dim < 1) {
    throw new RangeError(`positionEncoding: words and dim must be positive integers, got ${words} and ${dim}`);
  }
  return Array.from({ length: words }, (_, j0) => {
    const j = j0 + 1;
    return Array.from({ length: dim }, (_, k0) => {
      const k = k0 + 1;
      return form === "paper" ? 1 - j / words - (k / dim) * (1 - (2 * j) / words) : 1 + (4 * (k - (dim + 1) / 2) * (j - (words + 1) / 2)) / (dim * words);
    });
  });
}

/**
 * The weights of every word of padded sentences of ids [..., L] (id 0 is padding, words left
 * aligned): [..., L, dim], each sentence encoded by its own length J; padding positions weigh 0.
 */
export function positionWeights(ids: Tensor, dim: number, form: PositionForm = "paper"): Tensor {
  if (ids.dtype !== "int32" || ids.ndim < 1) throw new TypeError(`positionWeights: ids must be int32 [..., L], got ${ids.dtype} ${fmtShape(ids.shape)}`);
  const L = ids.shape[ids.ndim - 1];
  const table = Array.from({ length: L + 1 }, (_, J) => (J === 0 ? [] : positionEncoding(J, dim, form)));
  const out = new Float32Array(ids.size * dim);
  for (let s = 0; s < ids.size / L; s++) {
    let J = 0;
    while (J < L && ids.values[s * L + J] !== 0) J++;
    const rows = table[J];
    for (let j = 0; j < J; j++) out.set(rows[j], (s * L + j) * dim);
  }
  return tensor(out, [...ids.shape, dim]);
}

const tables = new Map<string, (Float64Array | null)[]>();

/** The weights l_kj of a J-word sentence for J = 0…L, each [J · dim] row-major (null for a bag of words); computed once. */
function weightTables(L: number, dim: number, form: PositionForm | null): (Float64Array | null)[] {
  const key = `${L} ${dim} ${form}`;
  let found = tables.get(key);
  if (!found) {
    found = Array.from({ length: L + 1 }, (_, J) => (form === null || J === 0 ? null : Float64Array.from(positionEncoding(J, dim, form).flat())));
    tables.set(key, found);
  }
  return found;
}

/**
 * For every word j of every sentence s of `words` (rows L wide, padding 0): "gather" adds l_kj times
 * the word's row of `from` into row s of `to` (the forward); "scatter" adds l_kj times row s of
 * `from` into the word's row of `to` (the backward). Rows are `dim` wide.
 */
function weighWords(words: TypedArray, L: number, dim: number, form: PositionForm | null, from: TypedArray, to: TypedArray, direction: "gather" | "scatter"): void {
  const weights = weightTables(L, dim, form);
  for (let s = 0; s < words.length / L; s++) {
    let J = 0;
    while (J < L && words[s * L + J] !== 0) J++;
    const l = weights[J];
    for (let j = 0; j < J; j++) {
      const word = words[s * L + j] * dim;
      const [source, target] = direction === "gather" ? [word, s * dim] : [s * dim, word];
      for (let k = 0; k < dim; k++) to[target + k] += (l ? l[j * dim + k] : 1) * from[source + k];
    }
  }
}

const sentenceOps = new Map<PositionForm | null, (ids: Tensor, table: Tensor) => Tensor>();

function sentenceOp(form: PositionForm | null): (ids: Tensor, table: Tensor) => Tensor {
  const cached = sentenceOps.get(form);
  if (cached) return cached;
  const op = defineOp({
    name: "encodeSentences",
    forward(ctx, ids, table) {
      ctx.saveForBackward(ids, table);
      const [rows, dim] = table.shape;
      const L = ids.shape[ids.ndim - 1];
      for (const id of ids.values) if (id < 0 || id >= rows) throw new RangeError(`encodeSentences: word id ${id} is out of range for a table of ${rows} rows`);
      const out = allocate(table.dtype, (ids.size / L) * dim);
      weighWords(ids.values, L, dim, form, table.values, out, "gather");
      return new Tensor(out, [...ids.shape.slice(0, -1), dim]);
    },
    backward(ctx, gradOutput) {
      const [ids, table] = ctx.savedTensors;
      const [rows, dim] = table.shape;
      const grad = allocate(gradOutput.dtype, rows * dim);
      weighWords(ids.values, ids.shape[ids.ndim - 1], dim, form, gradOutput.values, grad, "scatter");
      return [null, new Tensor(grad, [rows, dim])];
    },
  });
  sentenceOps.set(form, op);
  return op;
}

/**
 * Sentences of word ids [..., L] (id 0 is padding, words left aligned) as the sums of their words'
 * rows of `table` [V, dim], word j of a J-word sentence weighted per dimension k by l_kj of `form`
 * (null: a bag of words): [..., dim]. The same as positionWeights times the gathered rows, summed
 * over L, but in one pass each way, with no [..., L, dim] tensors: most of a MemN2N's time went on
 * those. Row 0 (padding) is never read and gets no gradient; the backward is not itself
 * differentiable.
 */
export function encodeSentences(ids: Tensor, table: Tensor, form: PositionForm | null): Tensor {
  if (ids.dtype !== "int32" || ids.ndim < 1) throw new TypeError(`encodeSentences: ids must be int32 [..., L], got ${ids.dtype} ${fmtShape(ids.shape)}`);
  if (table.ndim !== 2) throw new ShapeError(`encodeSentences: table must be [V, dim], got ${fmtShape(table.shape)}`);
  return sentenceOp(form)(ids, table);
}
