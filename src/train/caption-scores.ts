/** How well a captioner captions images whose one true caption is known: exact match and corpus BLEU-4. */
import type { WordVocabulary } from "../data/index.js";
import { captionImages, type Captioner, type CaptionOptions } from "../models/index.js";
import type { Tensor } from "../tensor/index.js";
import { corpusBleu } from "./bleu.js";

export interface CaptionScores {
  /** Share of images whose caption is the true one, word for word. */
  exact: number;
  /** Corpus BLEU-4 against the one true caption of each image. */
  bleu: number;
  /** The model's captions, as text. */
  captions: string[];
}

export function captionScores<S>(model: Captioner<S>, vocabulary: WordVocabulary, images: Tensor, truths: readonly string[], options: CaptionOptions): CaptionScores {
  if (truths.length !== images.shape[0]) throw new RangeError(`captionScores: ${images.shape[0]} images but ${truths.length} true captions; give one caption per image`);
  const predicted = captionImages(model, images, options).map((ids) => vocabulary.decode(ids));
  const captions = predicted.map((words) => words.join(" "));
  const exact = captions.filter((caption, i) => caption === truths[i]).length / captions.length;
  return { exact, bleu: corpusBleu(truths.map((t) => [t.split(" ")]), predicted).bleu, captions };
}
