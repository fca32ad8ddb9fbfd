/**
 * Corpus BLEU (Papineni, Roukos, Ward & Zhu 2002): the geometric mean of the modified n-gram
 * precisions p_1 … p_N over the whole corpus — each hypothesis n-gram counted at most as often as it
 * occurs in any one of its references — times the brevity penalty BP = exp(1 − r/c) when the
 * hypotheses' total length c is below r, the sum over sentences of the reference length closest to
 * the hypothesis's (the shorter one on a tie, as NLTK's corpus_bleu). No smoothing: a corpus with no
 * matching n-gram of some order scores 0.
 */

export interface BleuOptions {
  /** Largest n-gram order N, weighted uniformly (default 4: BLEU-4). */
  maxOrder?: number;
}

export interface BleuScore {
  /** BLEU in [0, 1]. */
  bleu: number;
  /** The modified precision of each order 1 … N (clipped matches / hypothesis n-grams). */
  precisions: number[];
  brevityPenalty: number;
  /** c: total hypothesis length. */
  hypothesisLength: number;
  /** r: total effective reference length. */
  referenceLength: number;
}

/** n-gram counts of a token sequence, keyed by the tokens joined with a separator no token holds. */
function ngramCounts(tokens: readonly (string | number)[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("\u0000");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The reference length closest to `length`, the shorter on a tie. */
function closestLength(references: readonly (readonly unknown[])[], length: number): number {
  return references.map((r) => r.length).reduce((best, r) => (Math.abs(r - length) < Math.abs(best - length) || (Math.abs(r - length) === Math.abs(best - length) && r < best) ? r : best));
}

/**
 * Corpus BLEU of hypotheses[i] (a token list) against its references[i] (one or more token lists);
 * tokens are words or ids.
 */
export function corpusBleu(references: readonly (readonly (readonly (string | number)[])[])[], hypotheses: readonly (readonly (string | number)[])[], { maxOrder = 4 }: BleuOptions = {}): BleuScore {
  if (references.length !== hypotheses.length) throw new RangeError(`corpusBleu: ${hypotheses.length} hypotheses but ${references.length} reference lists; give one list of references per hypothesis`);
  if (!Number.isInteger(maxOrder) || maxOrder < 1) throw new RangeError(`corpusBleu: maxOrder must be a positive integer, got ${maxOrder}`);
  const matches = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let c = 0;
  let r = 0;
  hypotheses.forEach((hypothesis, i) => {
    const refs = references[i];
    if (refs.length === 0) throw new RangeError(`corpusBleu: hypothesis ${i} has no reference`);
    c += hypothesis.length;
    r += closestLength(refs, hypothesis.length);
    for (let n = 1; n <= maxOrder; n++) {
      const maxRef = new Map<string, number>();
      for (const ref of refs) for (const [key, count] of ngramCounts(ref, n)) maxRef.set(key, Math.max(maxRef.get(key) ?? 0, count));
      for (const [key, count] of ngramCounts(hypothesis, n)) {
        matches[n - 1] += Math.min(count, maxRef.get(key) ?? 0);
        totals[n - 1] += count;
      }
    }
  });
  const precisions = matches.map((m, k) => (totals[k] > 0 ? m / totals[k] : 0));
  const brevityPenalty = c === 0 ? 0 : c > r ? 1 : Math.exp(1 - r / c);
  const bleu = precisions.some((p) => p === 0) ? 0 : brevityPenalty * Math.exp(precisions.reduce((s, p) => s + Math.log(p), 0) / maxOrder);
  return { bleu, precisions, brevityPenalty, hypothesisLength: c, referenceLength: r };
}
