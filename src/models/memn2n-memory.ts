/**
 * One embedding of a memory network (A, B or C of Sukhbaatar et al. 2015): word vectors summed
 * over a sentence, optionally position-weighted, plus, for memory slots, a learned temporal vector
 * per slot (T_A or T_C).
 */
import * as nn from "../nn/index.js";
import { add, narrow, zeros } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { encodeSentences, type PositionForm } from "./memn2n-encoding.js";

export class MemoryEmbedding extends nn.Module {
  words: nn.Embedding;
  /** [memorySize, dim]: the temporal vector of each slot (slot 0 the most recent), or null without temporal encoding. */
  temporal: nn.Parameter | null;

  /** How words are weighed by position (positionEncoding's form), or null for a bag of words. */
  readonly form: PositionForm | null;

  constructor(vocabSize: number, readonly dim: number, readonly memorySize: number, { temporal, std, form }: { temporal: boolean; std: number; form: PositionForm | null }) {
    super();
    this.form = form;
    this.words = new nn.Embedding(vocabSize, dim, { paddingIdx: 0 });
    nn.init.normal_(this.words.weight, 0, std);
    this.words.weight.values.fill(0, 0, dim);
    this.temporal = temporal ? new nn.Parameter(nn.init.normal_(zeros([memorySize, dim]), 0, std)) : null;
  }

  /** Sentences of ids [..., L] → [..., dim]. */
  forward(ids: Tensor): Tensor {
    return encodeSentences(ids, this.words.weight, this.form);
  }

  /** Memory slots of ids [N, M, L] → [N, M, dim], with the temporal vectors of slots 0…M−1 added. */
  memories(ids: Tensor): Tensor {
    if (ids.ndim !== 3) throw new ShapeError(`MemoryEmbedding: memories must be int32 [N, M, L], got ${fmtShape(ids.shape)}`);
    const slots = ids.shape[1];
    if (slots > this.memorySize) throw new ShapeError(`MemoryEmbedding: ${slots} memory slots, more than the model's memorySize ${this.memorySize}`);
    const sentences = this.forward(ids);
    return this.temporal ? add(sentences, narrow(this.temporal, 0, 0, slots)) : sentences;
  }
}
