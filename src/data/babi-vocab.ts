/**
 * The word ids of bAbI samples for a memory network: one vocabulary of the words of stories and
 * questions and of the answer classes. An answer of several words ("apple,milk") is one class, as
 * Sukhbaatar et al. 2015 treat the lists task, so every answer is predicted as a single id.
 */
import { BabiFormatError, type BabiSample } from "./babi.js";

/** The padding word: id 0, an empty position of a sentence or an empty memory slot. */
export const BABI_PAD = "<pad>";

/** The class name of a sample's answer: its words joined by ",". */
export function answerClass(sample: BabiSample): string {
  return sample.answer.join(",");
}

export class BabiVocabulary {
  /** Every word and answer class; index 0 is BABI_PAD. */
  readonly words: readonly string[];
  readonly #ids: Map<string, number>;

  constructor(words: Iterable<string>) {
    const unique = [BABI_PAD, ...new Set([...words].filter((w) => w !== BABI_PAD))];
    this.words = unique;
    this.#ids = new Map(unique.map((w, i) => [w, i]));
  }

  /** The words of the stories, questions and answer classes of these samples, in order of first use. */
  static fromSamples(samples: readonly BabiSample[]): BabiVocabulary {
    const words: string[] = [];
    for (const s of samples) {
      for (const sentence of s.story) words.push(...sentence);
      words.push(...s.question, answerClass(s));
    }
    return new BabiVocabulary(words);
  }

  get size(): number {
    return this.words.length;
  }

  /** The id of a word or answer class; throws for one the vocabulary was not built with. */
  id(word: string): number {
    const id = this.#ids.get(word);
    if (id === undefined) {
      throw new RangeError(`BabiVocabulary: unknown word "${word}" (${this.size} words); build the vocabulary from every split's samples`);
    }
    return id;
  }

  word(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) throw new RangeError(`BabiVocabulary: id ${id} is out of range [0, ${this.size - 1}]`);
    return this.words[id];
  }
}

/**
 * Throws a BabiFormatError at the first word of the samples that the vocabulary (a trained model's)
 * lacks, naming `source`, the line and the word; `vocabularyFrom` says where the vocabulary came
 * from (a checkpoint's path). A model cannot read a word it has no vector for, nor answer with one.
 */
export function checkBabiVocabulary(samples: readonly BabiSample[], vocab: BabiVocabulary, source: string, vocabularyFrom: string): void {
  const known = new Set(vocab.words);
  const refuse = (line: number, word: string, what: string) => {
    throw new BabiFormatError(source, line, `${what} "${word}" is not in the vocabulary of ${vocabularyFrom} (${vocab.size} words); the model was trained on other words: train one on data like this file`);
  };
  for (const s of samples) {
    s.story.forEach((sentence, i) => sentence.forEach((w) => known.has(w) || refuse(s.storyLines[i], w, "the word")));
    for (const w of s.question) if (!known.has(w)) refuse(s.line, w, "the question's word");
    if (!known.has(answerClass(s))) refuse(s.line, answerClass(s), "the answer");
  }
}
