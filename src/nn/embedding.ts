/** Embedding: a learned lookup table of vectors, one per token id. */
import { zeros } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { embedding, resolvePaddingIdx, type EmbeddingOptions } from "./functional/embedding.js";
import { normal_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

/**
 * weight [numEmbeddings, embeddingDim], initialised N(0, 1) as PyTorch; an int32 input of any
 * shape gives [...input.shape, embeddingDim]. The paddingIdx row starts at zero and is never
 * updated by gradients.
 */
export class Embedding extends Module {
  weight: Parameter;
  readonly paddingIdx: number | null;

  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, { paddingIdx }: EmbeddingOptions = {}) {
    super();
    for (const [name, n] of [["numEmbeddings", numEmbeddings], ["embeddingDim", embeddingDim]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`Embedding: ${name} must be a positive integer, got ${n}`);
    }
    this.paddingIdx = resolvePaddingIdx("Embedding", paddingIdx, numEmbeddings);
    this.weight = new Parameter(normal_(zeros([numEmbeddings, embeddingDim])));
    if (this.paddingIdx !== null) this.weight.values.fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, { paddingIdx: this.paddingIdx });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? "" : `, padding_idx=${this.paddingIdx}`}`;
  }
}
