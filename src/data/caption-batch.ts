/**
 * Captions as token ids for a captioning decoder: the vocabulary of the digit-caption grammar, and
 * padded teacher-forcing batches (start token then the words in, the words then the end token out).
 */
import { tensor } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { CAPTION_WORDS, captionedDigits } from "./captioned-digits.js";
import { tokenize, WordVocabulary } from "./text-vocab.js";

/** The token fed first to a captioning decoder. */
export const CAPTION_START = "<start>";
/** The token a captioning decoder emits to end a caption. */
export const CAPTION_END = "<end>";

/**
 * A vocabulary of `words` and the start and end tokens. Id 0, WordVocabulary's `<unk>`, is never a
 * caption word, so captionBatch pads with it and the loss ignores it.
 */
export function captionVocabulary(words: readonly string[] = CAPTION_WORDS): WordVocabulary {
  return new WordVocabulary([CAPTION_START, CAPTION_END, ...words]);
}

/** A padded batch of captions (batch first, int32, padded with id 0). */
export interface CaptionBatch {
  /** The decoder's teacher-forced input: the start token then the caption's words [N, T]. */
  input: Tensor;
  /** What the decoder must predict at each step: the words then the end token [N, T]. */
  target: Tensor;
  /** Each caption's words as ids, without start and end tokens. */
  tokens: Int32Array[];
}

/** The ids of a caption's words; a word outside the vocabulary is an error naming it. */
export function encodeCaption(vocabulary: WordVocabulary, caption: string, which = "caption"): Int32Array {
  const words = tokenize(caption);
  const unknown = words.find((w) => !vocabulary.has(w)); // tokenize never yields "<start>" or "<end>"
  if (unknown !== undefined) {
    throw new RangeError(`${which} ${JSON.stringify(caption)} has the word ${JSON.stringify(unknown)}, which is not a caption word of the vocabulary (${vocabulary.words.slice(1).join(" ")})`);
  }
  if (words.length === 0) throw new RangeError(`${which} is empty`);
  return vocabulary.encodeTokens(words);
}

/** Encode and pad captions for teacher forcing. */
export function captionBatch(vocabulary: WordVocabulary, captions: readonly string[]): CaptionBatch {
  if (captions.length === 0) throw new RangeError("captionBatch: need at least one caption");
  const tokens = captions.map((c, i) => encodeCaption(vocabulary, c, `captionBatch: caption ${i}`));
  const n = captions.length;
  const T = Math.max(...tokens.map((t) => t.length)) + 1;
  const input = new Int32Array(n * T);
  const target = new Int32Array(n * T);
  tokens.forEach((ids, i) => {
    input[i * T] = vocabulary.id(CAPTION_START);
    input.set(ids, i * T + 1);
    target.set(ids, i * T);
    target[i * T + ids.length] = vocabulary.id(CAPTION_END);
  });
  return { input: tensor(input, [n, T]), target: tensor(target, [n, T]), tokens };
}

/** How captionImages decodes with this vocabulary: the start token first, until the end token or maxLength tokens. */
export function captionDecoding(vocabulary: WordVocabulary, maxLength = 16): { startToken: number; endToken: number; maxLength: number } {
  return { startToken: vocabulary.id(CAPTION_START), endToken: vocabulary.id(CAPTION_END), maxLength };
}

/**
 * Teacher-forcing batches of `count` freshly drawn captioned images of these digits: step k draws
 * with seed firstSeed + k (by default far from the seeds held-out images are drawn with).
 */
export function captionTrainingBatches(digits: { x: Tensor; y: Tensor }, vocabulary: WordVocabulary, count: number, firstSeed = 1_000_000): (step: number) => CaptionBatch & { images: Tensor } {
  return (step) => {
    const drawn = captionedDigits(digits, { count, seed: firstSeed + step });
    return { images: drawn.images, ...captionBatch(vocabulary, drawn.captions) };
  };
}
