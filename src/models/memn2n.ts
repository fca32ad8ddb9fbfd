/**
 * End-to-end memory network (Sukhbaatar, Szlam, Weston & Fergus 2015, "End-To-End Memory
 * Networks"): K hops of soft attention over a story's statements. Hop k embeds every memory slot
 * twice, m_i = A^k x_i and c_i = C^k x_i, attends p = softmax(uᵀ m_i), reads o = Σ p_i c_i and
 * updates u ← u + o (or H u + o with layer-wise tying), then u ← ReLU(u) if `nonlinear`; the
 * question is embedded by B into the first u, and the answer is softmax(W u) after the last hop.
 *
 * Weight tying (§2.2): "adjacent" shares A^{k+1} = C^k, B = A^1 and Wᵀ = C^K (K + 1 embeddings in
 * all); "layerwise" shares A^1 = … = A^K and C^1 = … = C^K and adds the linear map H, with its own
 * B and W. Sentences are a bag of words or position-encoded (memn2n-encoding.ts); temporal encoding
 * adds a learned vector per time slot to m_i and c_i (memn2n-memory.ts).
 *
 * Empty memory slots: the authors' code (facebook/MemNN, MemN2N-babi-matlab) fills the slots a story
 * leaves unused with the nil word, whose vectors are zero, and takes its softmax over all of them, so
 * each empty slot joins every hop's attention with score 0 and reads nothing. That lets a hop put its
 * weight on nothing when no statement matches, which yes/no questions need: on generated task 6, an
 * independent PyTorch MemN2N stayed at chance (50.1% test error) with empty slots left out of the
 * softmax and reached 12.2% with them in. `attendEmptySlots` (default true) does the same.
 */
import * as nn from "../nn/index.js";
import { add, cast, concat, matmul, matmulT, mul, narrow, ne, relu, softmax, squeeze, sum, tensor, unsqueeze, where } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import type { PositionForm } from "./memn2n-encoding.js";
import { MemoryEmbedding } from "./memn2n-memory.js";

export type MemN2NTying = "adjacent" | "layerwise";
/** Each sentence encoding and the position weights it uses (null: a bag of words). */
const ENCODING_FORMS = { bow: null, position: "paper", "position-matlab": "matlab" } as const satisfies Record<string, PositionForm | null>;
export type SentenceEncoding = keyof typeof ENCODING_FORMS;

export interface MemN2NOptions {
  /** d, the size of every embedding (default 20, as the paper's bAbI runs). */
  embeddingDim?: number;
  /** K (default 3). */
  hops?: number;
  /** Memory slots M, also the number of temporal vectors (default 50). */
  memorySize?: number;
  /**
   * Sentence representation: "bow", "position" (§4.1's weights) or "position-matlab" (default: the
   * authors' code's weights, about twice §4.1's; see memn2n-encoding.ts). On the generated tasks 15
   * and 16, trained as the authors' code trains, "position" stayed at 46–47% test error and
   * "position-matlab" reached 0.0–0.8%.
   */
  encoding?: SentenceEncoding;
  /** Temporal encoding (default true). */
  temporal?: boolean;
  /** Weight tying (default "adjacent"). */
  tying?: MemN2NTying;
  /**
   * A ReLU on u after every hop (default false): the non-linearity of the paper's best 10k model,
   * "PE LS LW RN*" (layer-wise tying, d = 100), the authors' code's add_nonlin.
   */
  nonlinear?: boolean;
  /** Standard deviation of the N(0, σ) initialisation of every weight (default 0.1, as the paper). */
  initStd?: number;
  /**
   * Whether the memorySize − (statements) empty slots take part in each hop's softmax with score 0
   * (default true, as the authors' code; false: the softmax runs over the statements only).
   */
  attendEmptySlots?: boolean;
}

/** What forwardWithAttention returns: the answer logits [N, V] and each hop's attention over the slots [N, M]. */
export interface MemN2NOutput {
  logits: Tensor;
  /**
   * Per hop, p over the memory slots (0 on empty ones); with attendEmptySlots, what a row lacks of 1
   * is the weight put on the empty slots. Under linear start, the unnormalised scores uᵀ m_i.
   */
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
    const { embeddingDim = 20, hops = 3, memorySize = 50, encoding = "position-matlab", temporal = true, tying = "adjacent", nonlinear = false, initStd = 0.1, attendEmptySlots = true } = options;
    for (const [name, n] of [["vocabSize", vocabSize], ["embeddingDim", embeddingDim], ["hops", hops], ["memorySize", memorySize]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`MemN2N: ${name} must be a positive integer, got ${n}`);
    }
    if (tying !== "adjacent" && tying !== "layerwise") throw new TypeError(`MemN2N: tying must be "adjacent" or "layerwise", got "${String(tying)}"`);
    if (!Object.hasOwn(ENCODING_FORMS, encoding)) {
      const names = Object.keys(ENCODING_FORMS).map((e) => `"${e}"`);
      throw new TypeError(`MemN2N: encoding must be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}, got "${String(encoding)}"`);
    }
    this.config = { vocabSize, embeddingDim, hops, memorySize, encoding, temporal, tying, nonlinear, initStd, attendEmptySlots };
    const form = ENCODING_FORMS[encoding];
    const embed = (withTime: boolean) => new MemoryEmbedding(vocabSize, embeddingDim, memorySize, { temporal: withTime, std: initStd, form });
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
    let u = this.query.forward(queries);
    const attention: Tensor[] = [];
    // each distinct embedding once: adjacent tying reads E_k as C^k and again as A^{k+1}
    const embedded = this.memory.map((e) => e.memories(memories));
    const emptyScore = this.config.attendEmptySlots ? this.emptySlotScore(mask) : null;
    for (let k = 0; k < this.config.hops; k++) {
      const [m, c] = this.config.tying === "adjacent" ? [embedded[k], embedded[k + 1]] : embedded;
      const scores = squeeze(matmul(m, unsqueeze(u, 2)), 2);
      const p = this.linearStart ? mul(scores, cast(mask, scores.dtype)) : this.attend(where(mask, scores, -1e9), emptyScore);
      attention.push(p);
      const o = squeeze(matmul(unsqueeze(p, 1), c), 1);
      u = add(this.mapH ? this.mapH.forward(u) : u, o);
      if (this.config.nonlinear) u = relu(u);
    }
    const logits = this.answer ? this.answer.forward(u) : matmulT(u, this.memory[this.config.hops].words.weight, false, true);
    return { logits, attention };
  }

  /**
   * [N, 1]: the e empty slots of each row (memorySize less its statements), all of score 0, as one
   * column of score log e, whose exp is their share of the softmax's denominator (−1e9 when e = 0).
   */
  private emptySlotScore(mask: Tensor): Tensor {
    const [n, slots] = mask.shape;
    const out = new Float32Array(n);
    for (let b = 0; b < n; b++) {
      let used = 0;
      for (let i = 0; i < slots; i++) used += mask.values[b * slots + i] !== 0 ? 1 : 0;
      out[b] = used < this.config.memorySize ? Math.log(this.config.memorySize - used) : -1e9;
    }
    return tensor(out, [n, 1]);
  }

  /** softmax over the slots' scores [N, M] (masked ones −1e9), and the empty slots' column when given. */
  private attend(scores: Tensor, emptyScore: Tensor | null): Tensor {
    if (!emptyScore) return softmax(scores, -1);
    const slots = scores.shape[1];
    return narrow(softmax(concat([scores, emptyScore], -1), -1), -1, 0, slots);
  }

  /** The answer logits [N, V] of forwardWithAttention. */
  forward(memories: Tensor, queries: Tensor, memoryMask?: Tensor): Tensor {
    return this.forwardWithAttention(memories, queries, memoryMask).logits;
  }
}
