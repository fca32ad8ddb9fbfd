/** Multi-head scaled dot-product attention, PyTorch's F.multi_head_attention_forward on batch-first tensors. */
import { add, matmul, matmulT, mean, narrow, permute, reshape, softmax, where } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";
import { dropout, linear } from "./layers.js";

/** The projections: one packed [3E, E] inProjWeight, or (for other key/value sizes) one weight each. */
export type AttentionProjections =
  | { inProjWeight: Tensor; qProjWeight?: undefined; kProjWeight?: undefined; vProjWeight?: undefined }
  | { inProjWeight?: null; qProjWeight: Tensor; kProjWeight: Tensor; vProjWeight: Tensor };

/** Masks of one call. An int32 mask is boolean (non-zero: may not attend); a float mask is added to the scores. */
export interface AttentionMasks {
  /** [N, S]: keys to ignore in each sample (padding). */
  keyPaddingMask?: Tensor | null;
  /** [L, S], or [N·numHeads, L, S] for one mask per sample and head; e.g. a causal mask. */
  attnMask?: Tensor | null;
}

export interface MultiHeadAttentionOptions extends AttentionMasks {
  numHeads: number;
  /** [3E] (query, key, value biases in turn), or null. */
  inProjBias?: Tensor | null;
  outProjWeight: Tensor;
  outProjBias?: Tensor | null;
  /** Dropout on the attention weights while training. Default 0. */
  dropout?: number;
  training?: boolean;
  /** Return the attention weights. Default true. */
  needWeights?: boolean;
  /** Average the weights over heads ([N, L, S]) rather than return each head's ([N, H, L, S]). Default true. */
  averageAttnWeights?: boolean;
}

/** [N, T, E] → [N, H, T, E/H]. */
function splitHeads(x: Tensor, heads: number): Tensor {
  const [n, t, e] = x.shape;
  return permute(reshape(x, [n, t, heads, e / heads]), [0, 2, 1, 3]);
}

/** The rows [part·E, (part+1)·E) of a packed [3E, …] projection. */
const third = (packed: Tensor, part: number, e: number) => narrow(packed, 0, part * e, e);

/** scores with the mask applied: boolean masks put −∞ where set, float masks are added. */
function masked(scores: Tensor, mask: Tensor): Tensor {
  return mask.dtype === "int32" ? where(mask, -Infinity, scores) : add(scores, mask);
}

/** The attention mask as [1 or N, 1 or H, L, S], or an error naming the shapes it may have. */
function attnMaskFor(mask: Tensor, n: number, h: number, l: number, s: number): Tensor {
  if (mask.ndim === 2 && mask.shape[0] === l && mask.shape[1] === s) return mask;
  if (mask.ndim === 3 && mask.shape[0] === n * h && mask.shape[1] === l && mask.shape[2] === s) return reshape(mask, [n, h, l, s]);
  throw new ShapeError(`multiHeadAttention: attnMask has shape ${fmtShape(mask.shape)}; expected [L, S] = ${fmtShape([l, s])} or [N·numHeads, L, S] = ${fmtShape([n * h, l, s])}`);
}

/**
 * softmax(Q·Kᵀ/√(E/H) + masks)·V per head, then the output projection. query [N, L, E], key
 * [N, S, kdim], value [N, S, vdim] (batch first); returns [output [N, L, E], weights or null].
 * The weights are those V was multiplied by (after dropout), as in PyTorch.
 */
export function multiHeadAttention(query: Tensor, key: Tensor, value: Tensor, projections: AttentionProjections, options: MultiHeadAttentionOptions): [Tensor, Tensor | null] {
  const { numHeads: h, inProjBias = null, keyPaddingMask = null, attnMask = null } = options;
  const [n, l, e] = query.shape;
  const s = key.shape[1];
  if (!Number.isInteger(h) || h < 1 || e % h !== 0) throw new RangeError(`multiHeadAttention: numHeads must be a positive divisor of embedDim ${e}, got ${h}`);
  const weightOf = (part: number) => (projections.inProjWeight ? third(projections.inProjWeight, part, e) : [projections.qProjWeight, projections.kProjWeight, projections.vProjWeight][part]!);
  const project = (x: Tensor, part: number) => splitHeads(linear(x, weightOf(part), inProjBias && third(inProjBias, part, e)), h);
  const q = project(query, 0).mul(1 / Math.sqrt(e / h));
  let scores = matmulT(q, project(key, 1), false, true); // [N, H, L, S]
  if (attnMask) scores = masked(scores, attnMaskFor(attnMask, n, h, l, s));
  if (keyPaddingMask) {
    if (keyPaddingMask.ndim !== 2 || keyPaddingMask.shape[0] !== n || keyPaddingMask.shape[1] !== s) {
      throw new ShapeError(`multiHeadAttention: keyPaddingMask has shape ${fmtShape(keyPaddingMask.shape)}; expected [N, S] = ${fmtShape([n, s])}`);
    }
    scores = masked(scores, reshape(keyPaddingMask, [n, 1, 1, s]));
  }
  const weights = dropout(softmax(scores, -1), options.dropout ?? 0, options.training ?? true);
  const heads = permute(matmul(weights, project(value, 2)), [0, 2, 1, 3]); // [N, L, H, E/H]
  const output = linear(reshape(heads, [n, l, e]), options.outProjWeight, options.outProjBias ?? null);
  if (options.needWeights === false) return [output, null];
  return [output, options.averageAttnWeights === false ? weights : mean(weights, 1)];
}
