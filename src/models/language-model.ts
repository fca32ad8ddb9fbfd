/**
 * What every word-level language model of lm-compare shares: `score(tokens)`, the log-probability
 * of a token stream, and scoreSentence, which tokenises a sentence with a model's vocabulary first.
 */
import { tokenize } from "../data/index.js";
import type { WordVocabulary } from "../data/index.js";
import type { Tensor } from "../tensor/index.js";

/** A model that scores token streams (ids of one vocabulary). */
export interface LanguageModel {
  /**
   * Σ_{t ≥ 1} log P(tokens[t] | what the model reads of tokens[0 … t − 1]), in nats. Token 0 is given,
   * not scored (as in lm-compare's held-out perplexities); each model documents what the first tokens
   * are conditioned on. A stream of fewer than 2 tokens scores 0.
   */
  score(tokens: ArrayLike<number>): number;
}

/**
 * The log-probability (nats) of a sentence: tokenised as lm-compare tokenises its text (lowercased
 * words and punctuation), words outside the vocabulary read as `<unk>` (WordVocabulary always has it),
 * then `model.score`. Its first token is given, not scored: start the sentence with the text before
 * it (say ". ") to score every word.
 */
export function scoreSentence(model: LanguageModel, vocab: WordVocabulary, sentence: string): number {
  const tokens = tokenize(sentence);
  if (tokens.length === 0) throw new RangeError(`scoreSentence: the sentence ${JSON.stringify(sentence)} has no tokens`);
  return model.score(vocab.encodeTokens(tokens));
}

/** Σ_i logProbs[i, targets[i]] of log-probabilities [rows, classes] (any leading shape, rows in order). */
export function sumTargetLogProbs(logProbs: Tensor, targets: ArrayLike<number>): number {
  const classes = logProbs.shape[logProbs.ndim - 1];
  const values = logProbs.values;
  let total = 0;
  for (let i = 0; i < targets.length; i++) total += values[i * classes + targets[i]];
  return total;
}

/** Throws a RangeError naming `where`, the position and the first id outside 0 … vocabSize − 1. */
export function checkIds(where: string, tokens: ArrayLike<number>, vocabSize: number): void {
  for (let i = 0; i < tokens.length; i++) {
    const id = tokens[i];
    if (!(Number.isInteger(id) && id >= 0 && id < vocabSize)) throw new RangeError(`${where}: token ${i} has id ${id}, outside 0..${vocabSize - 1}`);
  }
}
