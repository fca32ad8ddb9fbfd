/** nn.MultiheadAttention: PyTorch's layer, parameters and call, so its state dicts load. */
import { squeeze, transpose, unsqueeze, zeros } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { multiHeadAttention, type AttentionMasks, type AttentionProjections } from "./functional/attention.js";
import { xavierUniform_ } from "./init.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { pyBool } from "./repr.js";

export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights while training. Default 0. */
  dropout?: number;
  /** Biases on the input and output projections. Default true. */
  bias?: boolean;
  /** Features of the keys. Default embedDim. */
  kdim?: number;
  /** Features of the values. Default embedDim. */
  vdim?: number;
  /** Inputs [N, L, E] rather than [L, N, E]. Default false, as in PyTorch. */
  batchFirst?: boolean;
}

/** Options of one call: masks (see AttentionMasks) and what weights to return. */
export interface AttentionCallOptions extends AttentionMasks {
  /** Return the attention weights. Default true. */
  needWeights?: boolean;
  /** Average the weights over heads ([N, L, S]); false gives [N, numHeads, L, S]. Default true. */
  averageAttnWeights?: boolean;
}

function checkSize(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`MultiheadAttention: ${name} must be a positive integer, got ${n}`);
}

/**
 * Multi-head attention (Vaswani et al., 2017) with PyTorch's semantics and parameter layout:
 * in_proj_weight [3E, E] (or q/k/v_proj_weight when kdim or vdim differ from E), in_proj_bias
 * [3E], out_proj.weight [E, E], out_proj.bias [E], initialised as PyTorch (Xavier-uniform input
 * projection, zero biases). Inputs are [L, N, E] (or [N, L, E] with batchFirst), or unbatched [L, E].
 *
 * PyTorch's `mha(q, k, v, …)` returns (output, weights); here that call is `forwardWithWeights`,
 * and `forward` returns the output alone, so the layer fits Sequential, hooks and summary().
 */
export class MultiheadAttention extends Module {
  // property names are PyTorch's state-dict keys, in its order
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null;
  out_proj: Linear;
  readonly kdim: number;
  readonly vdim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;

  constructor(readonly embedDim: number, readonly numHeads: number, { dropout = 0, bias = true, kdim = embedDim, vdim = embedDim, batchFirst = false }: MultiheadAttentionOptions = {}) {
    super();
    checkSize("embedDim", embedDim);
    checkSize("numHeads", numHeads);
    checkSize("kdim", kdim);
    checkSize("vdim", vdim);
    if (embedDim % numHeads !== 0) throw new RangeError(`MultiheadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    if (!(dropout >= 0 && dropout <= 1)) throw new RangeError(`MultiheadAttention: dropout must be in [0, 1], got ${dropout}`);
    this.kdim = kdim;
    this.vdim = vdim;
    this.dropout = dropout;
    this.batchFirst = batchFirst;
    const weight = (inFeatures: number, rows = embedDim) => new Parameter(xavierUniform_(zeros([rows, inFeatures])));
    if (kdim === embedDim && vdim === embedDim) {
      this.in_proj_weight = weight(embedDim, 3 * embedDim);
    } else {
      this.q_proj_weight = weight(embedDim);
      this.k_proj_weight = weight(kdim);
      this.v_proj_weight = weight(vdim);
    }
    this.in_proj_bias = bias ? new Parameter(zeros([3 * embedDim])) : null;
    this.out_proj = new Linear(embedDim, embedDim, { bias });
    this.out_proj.bias?.values.fill(0);
  }

  #projections(): AttentionProjections {
    if (this.in_proj_weight) return { inProjWeight: this.in_proj_weight };
    return { qProjWeight: this.q_proj_weight!, kProjWeight: this.k_proj_weight!, vProjWeight: this.v_proj_weight! };
  }

  /** An error naming what each input must look like in this layer's layout. */
  #checkInputs(query: Tensor, key: Tensor, value: Tensor): void {
    const batched = query.ndim === 3;
    const layout = (t: string, f: string) => (!batched ? `[${t}, ${f}]` : this.batchFirst ? `[N, ${t}, ${f}]` : `[${t}, N, ${f}]`);
    const fail = (what: string) => {
      const shapes = `query ${fmtShape(query.shape)}, key ${fmtShape(key.shape)}, value ${fmtShape(value.shape)}`;
      throw new ShapeError(`MultiheadAttention: ${what}; got ${shapes} (expected query ${layout("L", `embedDim=${this.embedDim}`)}, key ${layout("S", `kdim=${this.kdim}`)}, value ${layout("S", `vdim=${this.vdim}`)}${batched ? `, batchFirst ${this.batchFirst}` : ""})`);
    };
    if (query.ndim !== 2 && query.ndim !== 3) fail("query must have 2 (unbatched) or 3 dimensions");
    if (key.ndim !== query.ndim || value.ndim !== query.ndim) fail("key and value must have as many dimensions as query");
    const last = (t: Tensor) => t.shape[t.ndim - 1];
    if (last(query) !== this.embedDim || last(key) !== this.kdim || last(value) !== this.vdim) fail("the feature sizes differ from the layer's");
    const seq = batched && this.batchFirst ? 1 : 0;
    if (key.shape[seq] !== value.shape[seq]) fail("key and value must have the same length S");
    if (batched && new Set([query, key, value].map((t) => t.shape[1 - seq])).size !== 1) fail("query, key and value must have the same batch size N");
  }

  /** PyTorch's call: [output (shaped as query), weights ([N, L, S], per head [N, H, L, S]) or null]. */
  forwardWithWeights(query: Tensor, key: Tensor, value: Tensor, options: AttentionCallOptions = {}): [Tensor, Tensor | null] {
    this.#checkInputs(query, key, value);
    const unbatched = query.ndim === 2;
    const toBatchFirst = (x: Tensor) => (unbatched ? unsqueeze(x, 0) : this.batchFirst ? x : transpose(x, 0, 1));
    const { keyPaddingMask = null, attnMask = null } = options;
    const [output, weights] = multiHeadAttention(toBatchFirst(query), toBatchFirst(key), toBatchFirst(value), this.#projections(), {
      ...options,
      keyPaddingMask: keyPaddingMask && unbatched ? unsqueeze(keyPaddingMask, 0) : keyPaddingMask,
      attnMask,
      numHeads: this.numHeads,
      inProjBias: this.in_proj_bias,
      outProjWeight: this.out_proj.weight,
      outProjBias: this.out_proj.bias,
      dropout: this.dropout,
      training: this.training,
    });
    const restored = unbatched ? squeeze(output, 0) : this.batchFirst ? output : transpose(output, 0, 1);
    return [restored, weights && unbatched ? squeeze(weights, 0) : weights];
  }

  /** The output alone, without masks (self-attention when key and value are left out); forwardWithWeights takes masks. */
  forward(query: Tensor, key: Tensor = query, value: Tensor = key): Tensor {
    return this.forwardWithWeights(query, key, value, { needWeights: false })[0];
  }

  override extraRepr(): string {
    return `embed_dim=${this.embedDim}, num_heads=${this.numHeads}, dropout=${this.dropout}, bias=${pyBool(this.in_proj_bias !== null)}, batch_first=${pyBool(this.batchFirst)}`;
  }
}
