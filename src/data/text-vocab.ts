/** Vocabularies that turn text into integer ids and back: characters, and words from a tokenizer. */

/** What CharVocabulary.encode does with a character that is not in the vocabulary. */
export type UnknownCharPolicy = "error" | "skip" | "replace";

/** Options of CharVocabulary. */
export interface CharVocabularyOptions {
  /**
   * "error" (default): encoding an unseen character throws, naming it; "skip": unseen characters
   * are dropped; "replace": id 0 is reserved for U+FFFD and every unseen character encodes to it.
   */
  unknown?: UnknownCharPolicy;
}

/** The replacement character that stands for unseen characters under the "replace" policy. */
export const UNKNOWN_CHAR = "\uFFFD";

/**
 * The distinct characters (Unicode code points) of a text, sorted by code point, each given an id.
 * `encode` maps a string to an Int32Array of ids, `decode` maps ids back.
 */
export class CharVocabulary {
  /** The characters, indexed by id. */
  readonly chars: readonly string[];
  readonly unknown: UnknownCharPolicy;
  private readonly ids: Map<string, number>;

  constructor(text: string, options: CharVocabularyOptions = {}) {
    this.unknown = options.unknown ?? "error";
    const distinct = [...new Set(Array.from(text))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    this.chars = this.unknown === "replace" ? [UNKNOWN_CHAR, ...distinct.filter((c) => c !== UNKNOWN_CHAR)] : distinct;
    this.ids = new Map(this.chars.map((c, i) => [c, i]));
  }

  /** Number of ids. */
  get size(): number {
    return this.chars.length;
  }

  /** The id of each character of `text` (see the unknown-character policy). */
  encode(text: string): Int32Array {
    const out: number[] = [];
    for (const c of text) {
      const id = this.ids.get(c);
      if (id !== undefined) out.push(id);
      else if (this.unknown === "replace") out.push(0);
      else if (this.unknown === "error") {
        throw new RangeError(
          `CharVocabulary.encode: character ${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}) is not in the vocabulary of ${this.size} characters; build it with { unknown: "skip" } or { unknown: "replace" } to allow unseen characters`,
        );
      }
    }
    return Int32Array.from(out);
  }

  /** The text spelled by `ids`. */
  decode(ids: ArrayLike<number>): string {
    return Array.from(ids, (id) => {
      const c = this.chars[id];
      if (c === undefined) throw new RangeError(`CharVocabulary.decode: id ${id} is outside 0..${this.size - 1}`);
      return c;
    }).join("");
  }
}

/**
 * The word tokenizer of WordVocabulary: the text is lowercased, then cut into words — runs of
 * letters and digits, with inner apostrophes kept ("don't", "emma's") — and punctuation marks, one
 * token per character (so "twenty-one," is "twenty", "-", "one", ","). Whitespace only separates.
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** The token that stands for every word outside a WordVocabulary; always id 0. */
export const UNK = "<unk>";

/** Options of WordVocabulary. */
export interface WordVocabularyOptions {
  /** Words seen fewer times than this become `<unk>` (default 1: keep every word). */
  minCount?: number;
  /** Keep at most this many words besides `<unk>` (the most frequent). */
  maxSize?: number;
}

/**
 * A word vocabulary built from a token list (use `WordVocabulary.fromText` to tokenize with
 * `tokenize`). Id 0 is `<unk>`; the kept words follow by decreasing count (ties alphabetical).
 * `counts[id]` is each id's count in the building tokens (`<unk>` counts the dropped words).
 */
export class WordVocabulary {
  /** The words, indexed by id; words[0] is "<unk>". */
  readonly words: readonly string[];
  /** How often each id occurs in the tokens the vocabulary was built from. */
  readonly counts: Int32Array;
  private readonly ids: Map<string, number>;

  constructor(tokens: readonly string[], options: WordVocabularyOptions = {}) {
    const minCount = options.minCount ?? 1;
    if (!(minCount >= 1)) throw new RangeError(`WordVocabulary: minCount must be at least 1, got ${minCount}`);
    const freq = new Map<string, number>();
    for (const t of tokens) freq.set(t, (freq.get(t) ?? 0) + 1);
    freq.delete(UNK);
    let kept = [...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (options.maxSize !== undefined) kept = kept.slice(0, options.maxSize);
    this.words = [UNK, ...kept.map(([w]) => w)];
    this.ids = new Map(this.words.map((w, i) => [w, i]));
    this.counts = new Int32Array(this.words.length);
    for (const t of tokens) this.counts[this.id(t)] += 1;
  }

  /** The vocabulary of `tokenize(text)`. */
  static fromText(text: string, options: WordVocabularyOptions = {}): WordVocabulary {
    return new WordVocabulary(tokenize(text), options);
  }

  /** Number of ids, `<unk>` included. */
  get size(): number {
    return this.words.length;
  }

  /** The id of a word (0, `<unk>`, for a word outside the vocabulary). */
  id(word: string): number {
    return this.ids.get(word) ?? 0;
  }

  /** Whether `word` has an id of its own. */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** The ids of a token list. */
  encodeTokens(tokens: readonly string[]): Int32Array {
    return Int32Array.from(tokens, (t) => this.id(t));
  }

  /** The ids of `tokenize(text)`. */
  encode(text: string): Int32Array {
    return this.encodeTokens(tokenize(text));
  }

  /** The words of `ids`. */
  decode(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => {
      const w = this.words[id];
      if (w === undefined) throw new RangeError(`WordVocabulary.decode: id ${id} is outside 0..${this.size - 1}`);
      return w;
    });
  }
}
