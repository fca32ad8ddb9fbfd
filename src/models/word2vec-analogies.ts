/** Analogy questions (a : b :: c : d) and the accuracy of word vectors on them. */
import type { Word2Vec } from "./word2vec.js";

/** An analogy question a : b :: c : d — the vectors should answer d for (a, b, c). */
export type AnalogyQuestion = readonly [a: string, b: string, c: string, d: string];

/**
 * Word pairs for analogies on Jane Austen's novels ("austen-emma", "austen-persuasion",
 * "austen-sense"): every word occurs at least 50 times in the three under `tokenize`. Austen has
 * no kings or queens, so the gender pairs are family words, titles and pronouns.
 */
export const AUSTEN_ANALOGY_PAIRS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  gender: [
    ["he", "she"], ["him", "her"], ["himself", "herself"], ["man", "woman"], ["father", "mother"],
    ["brother", "sister"], ["son", "daughter"], ["husband", "wife"], ["mr", "mrs"], ["gentleman", "lady"],
  ],
  pastTense: [
    ["is", "was"], ["are", "were"], ["has", "had"], ["do", "did"], ["go", "went"], ["come", "came"],
    ["say", "said"], ["see", "saw"], ["think", "thought"], ["know", "knew"], ["take", "took"],
    ["give", "gave"], ["make", "made"], ["find", "found"], ["feel", "felt"], ["tell", "told"],
    ["speak", "spoke"], ["leave", "left"], ["hear", "heard"], ["bring", "brought"],
  ],
  plural: [
    ["day", "days"], ["week", "weeks"], ["year", "years"], ["hour", "hours"], ["letter", "letters"],
    ["friend", "friends"], ["thing", "things"], ["eye", "eyes"], ["hand", "hands"], ["time", "times"],
    ["sister", "sisters"], ["lady", "ladies"],
  ],
  comparative: [["good", "better"], ["bad", "worse"], ["great", "greater"]],
};

/** Every question a : b :: c : d made of two different pairs (a, b) and (c, d) of one list. */
export function analogyQuestions(pairs: readonly (readonly [string, string])[]): AnalogyQuestion[] {
  return pairs.flatMap(([a, b], i) => pairs.filter((_, j) => j !== i).map(([c, d]): AnalogyQuestion => [a, b, c, d]));
}

/** How many questions the vectors answer (top-1 3CosAdd); questions with an unknown word are skipped. */
export interface AnalogyScore {
  correct: number;
  /** Questions asked (skipped ones excluded). */
  total: number;
  skipped: number;
  /** correct / total. */
  accuracy: number;
}

/** Scores `model.analogy(a, b, c)` against d on each question. */
export function analogyAccuracy(model: Word2Vec, questions: readonly AnalogyQuestion[]): AnalogyScore {
  let correct = 0;
  let total = 0;
  for (const [a, b, c, d] of questions) {
    if (![a, b, c, d].every((w) => model.vocab.has(w))) continue;
    total += 1;
    if (model.analogy(a, b, c, 1)[0]?.word === d) correct += 1;
  }
  return { correct, total, skipped: questions.length - total, accuracy: total > 0 ? correct / total : NaN };
}
