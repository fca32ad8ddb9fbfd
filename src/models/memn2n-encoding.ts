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
import { tensor } from "../ops/index.js";
import { fmtShape, type Tensor } from "../tensor/index.js";

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
