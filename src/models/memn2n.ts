/**
 * End-to-end memory network (Sukhbaatar, Szlam, Weston & Fergus 2015, "End-To-End Memory
 * Networks"): K hops of soft attention over a story's statements. Hop k embeds every memory slot
 * twice, m_i = A^k x_i and c_i = C^k x_i, attends p = softmax(uᵀ m_i), reads o = Σ p_i c_i and
 * updates u ← u + o (or H u + o with layer-wise tying); the question is embedded by B into the
 * first u, and the answer is softmax(W u) after the last hop.
 *
 * Weight tying (§2.2): "adjacent" shares A^{k+1} = C^k, B = A^1 and Wᵀ = C^K (K + 1 embeddings in
 * all); "layerwise" shares A^1 = … = A^K and C^1 = … = C^K and adds the linear map H, with its own
 * B and W. Sentences are a bag of words or position-encoded (memn2n-encoding.ts); temporal encoding
 * adds a learned vector per time slot to m_i and c_i (memn2n-memory.ts).
 */
import * as nn from "../nn/index.js";
import { add, cast, matmul, matmulT, mul, ne, softmax, squeeze, sum, unsqueeze, where } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { positionWeights } from "./memn2n-encoding.js";
import { MemoryEmbedding } from "./memn2n-memory.js";

export type MemN2NTying = "adjacent" | "layerwise";
export type SentenceEncoding = "bow" | "position";

export interface MemN2NOptions {
  /** d, the size of every embedding (default 20, as the paper's bAbI runs). */
  embeddingDim?: number;
  /** K (default 3). */
  hops?: number;
  /** Memory slots M, also the number of temporal vectors (default 50). */
  memorySize?: number;
  /** Sentence representation: "bow" or "position" (default). */
  encoding?: SentenceEncoding;
  /** Temporal encoding (default true). */
  temporal?: boolean;
  /** Weight tying (default "adjacent"). */
  tying?: MemN2NTying;
  /** Standard deviation of the N(0, σ) initialisation of every weight (default 0.1, as the paper). */
  initStd?: number;
}

/** What forwardWithAttention returns: the answer logits [N, V] and each hop's attention over the slots [N, M]. */
export interface MemN2NOutput {
  logits: Tensor;
  /** Per hop, p over the memory slots; under linear start, the unnormalised scores uᵀ m_i (0 on empty slots). */
  attention: Tensor[];
}

export class MemN2N extends nn.Module {
  /** adjacent: E_0 … E_K with A^k = E_{k−1}, C^k = E_k; layerwise: [A, C]. */
  memory: MemoryEmbedding[];
  /** B: the question's embedding (memory[0] itself under adjacent tying). */
  query: MemoryEmbedding;
  /** H of layer-wise tying (u ← H u + o), else null. */
  mapH: nn.Linear | null;
  /** W of layer-wise tying; adjacent tying answers with C^K's word vectors. */
  answer: nn.Linear | null;
  /** Linear start (§4.2): the memory layers' softmaxes removed while true. */
  linearStart = false;
  readonly config: Required<MemN2NOptions> & { vocabSize: number };

  constructor(vocabSize: number, options: MemN2NOptions = {}) {
    super();
    const { embeddingDim = 20, hops = 3, memorySize = 50, encoding = "position", temporal = true, tying = "adjacent", initStd = 0.1 } = options;
    for (const [name, n] of [["vocabSize", vocabSize], ["embeddingDim", embeddingDim], ["hops", hops], ["memorySize", memorySize]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`MemN2N: ${name} must be a positive integer, got ${n}`);
    }
    if (tying !== "adjacent" && tying !== "layerwise") throw new TypeError(`MemN2N: tying must be "adjacent" or "layerwise", got "${String(tying)}"`);
    if (encoding !== "bow" && encoding !== "position") throw new TypeError(`MemN2N: encoding must be "bow" or "position", got "${String(encoding)}"`);
    this.config = { vocabSize, embeddingDim, hops, memorySize, encoding, temporal, tying, initStd };
    const embed = (withTime: boolean) => new MemoryEmbedding(vocabSize, embeddingDim, memorySize, { temporal: withTime, std: initStd });
    if (tying === "adjacent") {
      this.memory = Array.from({ length: hops + 1 }, () => embed(temporal));
      this.query = this.memory[0];
      this.mapH = null;
      this.answer = null;
    } else {
      this.memory = [embed(temporal), embed(temporal)];
      this.query = embed(false);
      this.mapH = new nn.Linear(embeddingDim, embeddingDim, { bias: false });
      this.answer = new nn.Linear(embeddingDim, vocabSize, { bias: false });
      for (const layer of [this.mapH, this.answer]) nn.init.normal_(layer.weight, 0, initStd);
    }
  }

  /** A^k and C^k of hop k (0-based). */
  hop(k: number): { input: MemoryEmbedding; output: MemoryEmbedding } {
    return this.config.tying === "adjacent" ? { input: this.memory[k], output: this.memory[k + 1] } : { input: this.memory[0], output: this.memory[1] };
  }

  /**
   * memories int32 [N, M, L] (slot 0 the most recent statement), queries int32 [N, L']; memoryMask
   * int32 [N, M] marks the slots that take part (default: those holding a word).
   */
  forwardWithAttention(memories: Tensor, queries: Tensor, memoryMask?: Tensor): MemN2NOutput {
    if (memories.dtype !== "int32" || memories.ndim !== 3) throw new ShapeError(`MemN2N: memories must be int32 [N, M, L], got ${memories.dtype} ${fmtShape(memories.shape)}`);
    const [n, slots] = memories.shape;
    if (queries.dtype !== "int32" || queries.ndim !== 2 || queries.shape[0] !== n) {
      throw new ShapeError(`MemN2N: queries must be int32 [N, L] with N = ${n} as memories, got ${queries.dtype} ${fmtShape(queries.shape)}`);
    }
    const mask = memoryMask ?? ne(sum(cast(ne(memories, 0), "float32"), -1), 0);
    if (mask.ndim !== 2 || mask.shape[0] !== n || mask.shape[1] !== slots) {
      throw new ShapeError(`MemN2N: memoryMask must be [N, M] = [${n}, ${slots}], got ${fmtShape(mask.shape)}`);
    }
    const position = this.config.encoding === "position";
    const memoryWeights = position ? positionWeights(memories, this.config.embeddingDim) : null;
    let u = this.query.forward(queries, position ? positionWeights(queries, this.config.embeddingDim) : null);
    const attention: Tensor[] = [];
    // each distinct embedding once: adjacent tying reads E_k as C^k and again as A^{k+1}
    const embedded = this.memory.map((e) => e.memories(memories, memoryWeights));
    for (let k = 0; k < this.config.hops; k++) {
      const [m, c] = this.config.tying === "adjacent" ? [embedded[k], embedded[k + 1]] : embedded;
      const scores = squeeze(matmul(m, unsqueeze(u, 2)), 2);
      const p = this.linearStart ? mul(scores, cast(mask, scores.dtype)) : softmax(where(mask, scores, -1e9), -1);
      attention.push(p);
      const o = squeeze(matmul(unsqueeze(p, 1), c), 1);
      u = add(this.mapH ? this.mapH.forward(u) : u, o);
    }
    const logits = this.answer ? this.answer.forward(u) : matmulT(u, this.memory[this.config.hops].words.weight, false, true);
    return { logits, attention };
  }

  /** The answer logits [N, V] of forwardWithAttention. */
  forward(memories: Tensor, queries: Tensor, memoryMask?: Tensor): Tensor {
    return this.forwardWithAttention(memories, queries, memoryMask).logits;
  }
}
