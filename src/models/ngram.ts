/**
 * A count-based n-gram language model over token ids: interpolated Kneser–Ney (the default) or
 * add-k smoothing. The baseline that neural language models are compared against.
 */
import { crossEntropyReport } from "../data/index.js";
import type { CrossEntropyReport } from "../data/index.js";
import type { LanguageModel } from "./language-model.js";

/** Options of NGramModel. */
export interface NGramOptions {
  /** n: the model conditions on the n − 1 previous tokens (default 3). */
  order?: number;
  /** "kneser-ney" (default; needs order ≥ 2) or "add-k". */
  smoothing?: "kneser-ney" | "add-k";
  /** Kneser–Ney's absolute discount D, in (0, 1] (default 0.75). */
  discount?: number;
  /** The k of add-k smoothing (default 1: Laplace). */
  k?: number;
}

/** Counts of one level: n-grams of one length, keyed by context, and per-context totals. */
interface Level {
  /** count (or continuation count) of (context, word), keyed by context · V + word. */
  counts: Map<number, number>;
  /** Sum over words of the counts of a context. */
  totals: Map<number, number>;
  /** Number of distinct words with a nonzero count after a context, N1+(context •). */
  types: Map<number, number>;
}

/**
 * An n-gram model fitted on a stream of token ids (use WordVocabulary's `<unk>` for rare and
 * unseen words). Interpolated Kneser–Ney (Chen & Goodman 1998):
 *
 *   P(w | h) = max(c(h w) − D, 0) / c(h) + D · N1+(h •) / c(h) · P(w | h′)
 *
 * where h′ is h without its first token; the highest order uses raw counts c, every lower order
 * uses continuation counts N1+(• h′ w) (the number of distinct tokens seen before h′ w), and the
 * unigram level interpolates with the uniform 1/V, so every id has a nonzero probability. A context
 * never seen falls through to the next lower order. Add-k: P(w | h) = (c(h w) + k) / (c(h) + k V).
 * A context shorter than n − 1 (the first tokens of a stream) uses the orders it has.
 */
export class NGramModel implements LanguageModel {
  readonly order: number;
  readonly smoothing: "kneser-ney" | "add-k";
  readonly discount: number;
  readonly k: number;
  private vocab = 0;
  /** levels[m] holds (m+1)-grams: context length m. */
  private levels: Level[] = [];

  constructor(options: NGramOptions = {}) {
    this.order = options.order ?? 3;
    this.smoothing = options.smoothing ?? "kneser-ney";
    this.discount = options.discount ?? 0.75;
    this.k = options.k ?? 1;
    const minOrder = this.smoothing === "kneser-ney" ? 2 : 1;
    if (!Number.isInteger(this.order) || this.order < minOrder) {
      throw new RangeError(`NGramModel: order must be an integer ≥ ${minOrder} for ${this.smoothing} smoothing, got ${this.order}`);
    }
    if (!(this.discount > 0 && this.discount <= 1)) throw new RangeError(`NGramModel: discount must be in (0, 1], got ${this.discount}`);
    if (!(this.k > 0)) throw new RangeError(`NGramModel: k must be positive, got ${this.k}`);
  }

  /** The number of ids the model spreads probability over (set by fit). */
  get vocabSize(): number {
    return this.vocab;
  }

  /** Counts the n-grams of a training stream of ids in 0..vocabSize − 1. Returns this. */
  fit(tokens: ArrayLike<number>, vocabSize: number): this {
    if ((vocabSize + 1) ** this.order > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`NGramModel.fit: vocabSize ${vocabSize} is too large for order ${this.order} ((vocabSize + 1)^order must stay below 2^53)`);
    }
    this.vocab = vocabSize;
    for (let i = 0; i < tokens.length; i++) this.checkId("fit", tokens[i]);
    const n = this.order;
    this.levels = Array.from({ length: n }, () => ({ counts: new Map(), totals: new Map(), types: new Map() }));
    const bump = (map: Map<number, number>, key: number): number => {
      const v = (map.get(key) ?? 0) + 1;
      map.set(key, v);
      return v;
    };
    const countGram = (level: number, start: number): boolean => {
      // Adds the (level+1)-gram tokens[start..start+level]; true if it was new.
      const ctx = this.contextKey(tokens, start, start + level);
      const isNew = bump(this.levels[level].counts, ctx * vocabSize + tokens[start + level]) === 1;
      bump(this.levels[level].totals, ctx);
      if (isNew) bump(this.levels[level].types, ctx);
      return isNew;
    };
    const kneserNey = this.smoothing === "kneser-ney";
    for (let end = 0; end < tokens.length; end++) {
      // Add-k counts every gram ending at `end`. Kneser–Ney counts the top-order gram, and a lower
      // gram g only when the gram one token longer ending with it (x g) is new at its own level:
      // so a lower level's count of g is N1+(• g), the number of distinct tokens seen before g.
      let longerIsNew = false;
      for (let level = n - 1; level >= 0; level--) {
        const start = end - level;
        if (start < 0) continue;
        longerIsNew = !kneserNey || level === n - 1 || longerIsNew ? countGram(level, start) : false;
      }
    }
    return this;
  }

  /** Natural-log probability of `word` after `context` (only its last n − 1 ids are used). */
  logProb(context: ArrayLike<number>, word: number): number {
    return Math.log(this.prob(context, word));
  }

  /** Probability of `word` after `context`. */
  prob(context: ArrayLike<number>, word: number): number {
    if (this.levels.length === 0) throw new Error("NGramModel.prob: the model is not fitted; call fit(tokens, vocabSize) first");
    this.checkId("prob", word);
    for (let i = 0; i < context.length; i++) this.checkId("prob", context[i]);
    const m = Math.min(this.order - 1, context.length);
    return this.smoothing === "add-k" ? this.addK(context, m, word) : this.kn(context, m, word);
  }

  /**
   * Log-probability in nats of tokens[1 …]: Σ_{t ≥ 1} log P(tokens[t] | tokens[t − n + 1 … t − 1]).
   * Token 0 is given (not scored); tokens 1 … n − 2 are conditioned on the shorter contexts they have
   * (prob uses the orders a context holds: token 1 is a bigram prediction from token 0).
   */
  score(tokens: ArrayLike<number>): number {
    let total = 0;
    for (let t = 1; t < tokens.length; t++) total += this.logProb(Array.prototype.slice.call(tokens, Math.max(0, t - this.order + 1), t), tokens[t]);
    return total;
  }

  /** The model's cross-entropy on a held-out stream: each token predicted from those before it, token 0 from the empty context. */
  evaluate(tokens: ArrayLike<number>): CrossEntropyReport {
    if (tokens.length === 0) throw new RangeError("NGramModel.evaluate: the token stream is empty");
    return crossEntropyReport(-(this.logProb([], tokens[0]) + this.score(tokens)) / tokens.length);
  }

  /** exp of the mean negative log-likelihood per token of a held-out stream. */
  perplexity(tokens: ArrayLike<number>): number {
    return this.evaluate(tokens).perplexity;
  }

  private kn(context: ArrayLike<number>, m: number, word: number): number {
    // Lowest level: continuation unigram interpolated with the uniform distribution.
    let p = 1 / this.vocab;
    for (let len = 0; len <= m; len++) {
      const level = this.levels[len];
      const ctx = this.contextKey(context, context.length - len, context.length);
      const total = level.totals.get(ctx) ?? 0;
      if (total === 0) continue;
      const c = level.counts.get(ctx * this.vocab + word) ?? 0;
      p = Math.max(c - this.discount, 0) / total + ((this.discount * level.types.get(ctx)!) / total) * p;
    }
    return p;
  }

  private addK(context: ArrayLike<number>, m: number, word: number): number {
    const level = this.levels[m];
    const ctx = this.contextKey(context, context.length - m, context.length);
    const c = level.counts.get(ctx * this.vocab + word) ?? 0;
    return (c + this.k) / ((level.totals.get(ctx) ?? 0) + this.k * this.vocab);
  }

  private contextKey(tokens: ArrayLike<number>, start: number, end: number): number {
    let key = 0;
    for (let i = start; i < end; i++) key = key * (this.vocab + 1) + tokens[i] + 1; // base V + 1: contexts of different lengths differ
    return key;
  }

  private checkId(method: string, id: number): void {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocab)) {
      throw new RangeError(`NGramModel.${method}: token id ${id} is outside 0..${this.vocab - 1}`);
    }
  }
}
