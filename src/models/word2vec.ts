/** Word vectors by skip-gram with negative sampling, and the cosine-similarity queries on them. */
import type { WordVocabulary } from "../data/index.js";
import { defaultGenerator } from "../tensor/index.js";
import type { Generator } from "../tensor/index.js";
import { NoiseSampler, sgnsStep } from "./word2vec-sgns.js";

/** Options of Word2Vec (defaults are word2vec's own, except dim). */
export interface Word2VecOptions {
  /** Vector size (default 100). */
  dim?: number;
  /** Maximum distance of a context word; each center draws its window uniformly in 1..window (default 5). */
  window?: number;
  /** Negative samples per (center, context) pair (default 5). */
  negatives?: number;
  /** Subsampling threshold t: a word of frequency f is kept with probability min(1, √(t/f)) (default 1e-3; 0 keeps all). */
  subsample?: number;
  /** Initial learning rate, decayed linearly over training (default 0.025). */
  lr?: number;
  /** The learning rate never falls below lr · minLrFraction (default 1e-4). */
  minLrFraction?: number;
  /** Passes over the stream (default 1). */
  epochs?: number;
  /** Random source for initialisation, subsampling, windows and negatives (default: the global generator). */
  generator?: Generator;
}

/** One result of nearest() or analogy(). */
export interface SimilarWord {
  word: string;
  similarity: number;
}

/** What train() measured. */
export interface Word2VecTrainReport {
  /** (center, context) pairs trained on. */
  pairs: number;
  /** Mean SGNS loss per pair over the last epoch. */
  meanLoss: number;
  seconds: number;
}

/**
 * Skip-gram with negative sampling (Mikolov et al. 2013, "Distributed Representations of Words and
 * Phrases"): each word predicts the words within a random window around it against `negatives`
 * words drawn from the unigram^0.75 distribution; frequent words are subsampled; the learning rate
 * falls linearly to lr · minLrFraction. Tokens that are `<unk>` (id 0) are dropped before windows
 * are formed, as word2vec drops words under its min-count. The word vectors are the rows of `input`
 * (V × dim); `output` holds the context vectors.
 */
export class Word2Vec {
  readonly dim: number;
  readonly window: number;
  readonly negatives: number;
  readonly subsample: number;
  readonly lr: number;
  readonly minLrFraction: number;
  readonly epochs: number;
  readonly input: Float32Array;
  readonly output: Float32Array;
  private readonly generator: Generator;
  private unitCache: Float32Array | null = null;

  constructor(
    readonly vocab: WordVocabulary,
    options: Word2VecOptions = {},
  ) {
    this.dim = positiveInt("dim", options.dim ?? 100);
    this.window = positiveInt("window", options.window ?? 5);
    this.negatives = positiveInt("negatives", options.negatives ?? 5);
    this.epochs = positiveInt("epochs", options.epochs ?? 1);
    this.subsample = options.subsample ?? 1e-3;
    this.lr = options.lr ?? 0.025;
    this.minLrFraction = options.minLrFraction ?? 1e-4;
    this.generator = options.generator ?? defaultGenerator;
    // word2vec's initialisation: input rows uniform in ±0.5/dim, output rows zero.
    this.input = Float32Array.from({ length: vocab.size * this.dim }, () => (this.generator.uniform() - 0.5) / this.dim);
    this.output = new Float32Array(vocab.size * this.dim);
  }

  /** Trains on a stream of ids of `vocab` (e.g. vocab.encode(text)). */
  train(ids: Int32Array): Word2VecTrainReport {
    const started = performance.now();
    const V = this.vocab.size;
    const counts = new Float64Array(V);
    const stream = ids.filter((id) => {
      if (!(id >= 0 && id < V)) throw new RangeError(`Word2Vec.train: token id ${id} is outside 0..${V - 1}`);
      return id !== 0;
    });
    for (const id of stream) counts[id] += 1;
    if (stream.length < 2) throw new RangeError(`Word2Vec.train: ${stream.length} known tokens; need at least 2`);
    const keep = Float64Array.from(counts, (c) => (this.subsample > 0 && c > 0 ? Math.min(1, Math.sqrt((this.subsample * stream.length) / c)) : 1));
    const noise = new NoiseSampler(counts);
    const negatives = new Int32Array(this.negatives);
    const scratch = new Float64Array(this.dim);
    const totalSteps = this.epochs * stream.length;
    let pairs = 0;
    let loss = 0;
    let epochPairs = 0;
    for (let epoch = 0; epoch < this.epochs; epoch++) {
      const kept = stream.filter((id) => this.generator.uniform() < keep[id]);
      // Positions in the full stream, so the decay reaches its floor at the end of training.
      const stepOf = (i: number): number => epoch * stream.length + Math.floor((i * stream.length) / kept.length);
      loss = 0;
      epochPairs = 0;
      for (let i = 0; i < kept.length; i++) {
        const lr = this.lr * Math.max(this.minLrFraction, 1 - stepOf(i) / totalSteps);
        const reach = 1 + this.generator.int(this.window);
        for (let j = Math.max(0, i - reach); j <= Math.min(kept.length - 1, i + reach); j++) {
          if (j === i) continue;
          for (let n = 0; n < negatives.length; n++) negatives[n] = noise.sample(this.generator);
          loss += sgnsStep(this.input, this.output, this.dim, kept[i], kept[j], negatives, lr, scratch);
          epochPairs += 1;
        }
      }
      pairs += epochPairs;
    }
    this.unitCache = null;
    return { pairs, meanLoss: epochPairs > 0 ? loss / epochPairs : NaN, seconds: (performance.now() - started) / 1000 };
  }

  /** The vector of `word` (a copy). */
  vector(word: string): Float32Array {
    const id = this.idOf("vector", word);
    return this.input.slice(id * this.dim, (id + 1) * this.dim);
  }

  /** The k words whose vectors have the highest cosine similarity to `word`'s (itself and `<unk>` excluded). */
  nearest(word: string, k = 10): SimilarWord[] {
    const id = this.idOf("nearest", word);
    const unit = this.unitVectors();
    return this.ranked(unit.subarray(id * this.dim, (id + 1) * this.dim), new Set([id]), k);
  }

  /**
   * a : b :: c : ?, by 3CosAdd (Mikolov et al. 2013): the k words whose vectors are most
   * cosine-similar to unit(b) − unit(a) + unit(c), excluding a, b, c and `<unk>`. For
   * "man : king :: woman : ?" the answer hoped for is "queen".
   */
  analogy(a: string, b: string, c: string, k = 1): SimilarWord[] {
    const [ia, ib, ic] = [a, b, c].map((w) => this.idOf("analogy", w));
    const unit = this.unitVectors();
    const query = new Float32Array(this.dim);
    for (let i = 0; i < this.dim; i++) query[i] = unit[ib * this.dim + i] - unit[ia * this.dim + i] + unit[ic * this.dim + i];
    return this.ranked(query, new Set([ia, ib, ic]), k);
  }

  private ranked(query: Float32Array, exclude: Set<number>, k: number): SimilarWord[] {
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += query[i] * query[i];
    norm = Math.sqrt(norm) || 1;
    const unit = this.unitVectors();
    const scored: SimilarWord[] = [];
    for (let id = 1; id < this.vocab.size; id++) {
      if (exclude.has(id)) continue;
      let dot = 0;
      for (let i = 0; i < this.dim; i++) dot += query[i] * unit[id * this.dim + i];
      scored.push({ word: this.vocab.words[id], similarity: dot / norm });
    }
    return scored.sort((x, y) => y.similarity - x.similarity).slice(0, k);
  }

  /** The input vectors scaled to unit length (zero rows stay zero); cached until the next train(). */
  private unitVectors(): Float32Array {
    if (this.unitCache) return this.unitCache;
    const unit = new Float32Array(this.input.length);
    for (let r = 0; r < this.vocab.size; r++) {
      let norm = 0;
      for (let i = 0; i < this.dim; i++) norm += this.input[r * this.dim + i] ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let i = 0; i < this.dim; i++) unit[r * this.dim + i] = this.input[r * this.dim + i] * scale;
    }
    this.unitCache = unit;
    return unit;
  }

  private idOf(method: string, word: string): number {
    if (!this.vocab.has(word)) throw new RangeError(`Word2Vec.${method}: "${word}" is not in the vocabulary of ${this.vocab.size} words`);
    return this.vocab.id(word);
  }
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`Word2Vec: ${name} must be a positive integer, got ${v}`);
  return v;
}
