/**
 * The word-level language-model comparison of the lectures: a unigram baseline, count-based
 * 3-grams (Kneser–Ney, and add-k for contrast), Bengio et al.'s neural probabilistic language model
 * and recurrent networks (Elman RNN and LSTM, the same sizes) trained by truncated BPTT, all scored
 * by perplexity on the same held-out tokens.
 */
import { manualSeed, optim } from "../index.js";
import { bpttBatches, crossEntropyReport, splitTokens, tokenize, unigramBaseline, WordVocabulary } from "../data/index.js";
import type { CrossEntropyReport } from "../data/index.js";
import { NGramModel, RecurrentLM } from "../models/index.js";
import type { LanguageModel, RecurrentCell } from "../models/index.js";
import { trainTbpttEpoch } from "./tbptt.js";
import { trainWithinBudget } from "./lm-compare-budget.js";
import { trainNplm } from "./lm-compare-nplm.js";
import { definedOnly } from "./defined-only.js";

/** Settings of compareLanguageModels; every field has a default (LM_COMPARE_DEFAULTS). */
export interface LmCompareSettings {
  /** Words seen fewer times than this in the training split become `<unk>`. */
  minCount: number;
  /** n of the n-gram models. */
  order: number;
  /** The k of the add-k n-gram. */
  addK: number;
  /** The recurrent cells to train, each a separate model of the same sizes. */
  cells: RecurrentCell[];
  embeddingDim: number;
  hiddenSize: number;
  /** n − 1 of the NPLM: the previous words it reads (Bengio et al.'s best models read 4). */
  nplmContext: number;
  /** Units of the NPLM's tanh hidden layer. */
  nplmHidden: number;
  /** Whether the NPLM has direct connections from its embeddings to the output. */
  nplmDirect: boolean;
  /** Parallel streams per truncated-BPTT batch (the NPLM's minibatch is batchSize × seqLen windows). */
  batchSize: number;
  /** Tokens per truncated-BPTT chunk (gradients flow back at most this far). */
  seqLen: number;
  /** Adam's learning rate (every neural model). */
  lr: number;
  /** The gradient's global L2 norm is clipped to this before each update. */
  clipGradNorm: number;
  /** At most this many passes over the training split per neural model. */
  epochs: number;
  /** Training-time budget per neural model, in minutes: training stops at the first update past it. */
  minutes: number;
  /** Seeds each neural model's initialisation (and the NPLM's minibatch order). */
  seed: number;
}

export const LM_COMPARE_DEFAULTS: Readonly<LmCompareSettings> = {
  minCount: 3,
  order: 3,
  addK: 0.01,
  cells: ["rnn", "lstm"],
  embeddingDim: 64,
  hiddenSize: 128,
  nplmContext: 4,
  nplmHidden: 128,
  nplmDirect: false,
  batchSize: 20,
  seqLen: 35,
  lr: 0.003,
  clipGradNorm: 1,
  epochs: 3,
  minutes: 2,
  seed: 1,
};

/** The contiguous train / validation / test fractions of the token stream. */
export const LM_COMPARE_SPLIT = [0.8, 0.1, 0.1] as const;

/** A model's score on one held-out split. */
export interface HeldOutScore extends CrossEntropyReport {
  /** How many target tokens were scored (the same for every model on a split). */
  tokens: number;
}

/** One row of the comparison table. */
export interface LmCompareRow {
  model: string;
  /**
   * Trainable parameters of a neural model; for a count model, the numbers it stores: one count per
   * vocabulary id for the unigram, one per distinct 1…n-gram of the training split for an n-gram.
   */
  parameters: number;
  validation: HeldOutScore;
  test: HeldOutScore;
  /**
   * Wall-clock seconds spent fitting (counting) or training, evaluation excluded — except for the
   * unigram, whose counting (unigramBaseline) is timed together with its scoring of the validation split.
   */
  trainSeconds: number;
  /** Passes over the training split (fractional when the time budget ended one); neural models only. */
  epochs?: number;
  /** The fitted or trained model, which scores token streams; every row but the unigram's. */
  lm?: LanguageModel;
}

export interface LmComparison {
  vocabSize: number;
  /** The vocabulary of the training split, for scoring sentences (scoreSentence). */
  vocabulary: WordVocabulary;
  /** Tokens in the training, validation and test splits. */
  splitTokens: [number, number, number];
  rows: LmCompareRow[];
}

/** Called after each neural model's epoch (complete or cut by the budget). */
export type LmCompareProgress = (event: { model: string; epoch: number; trainLoss: number; seconds: number }) => void;

/**
 * Tokenizes `text` (lowercased words and punctuation; an array is taken as already tokenized),
 * builds the vocabulary from the first 80% (the training split; words rarer than minCount become
 * `<unk>` everywhere), fits the count models and trains the neural ones on it, and scores every
 * model on the validation and test splits.
 *
 * Every model is scored on exactly the same targets: tokens 1 … m−1 of each held-out split of m
 * tokens, by its `score` (LanguageModel). The recurrent models read the split as one stream from a
 * zero state, so token t+1 is predicted from all tokens ≤ t of the split; the n-gram models predict
 * the same token t+1 from tokens t−n+2 … t, and the NPLM from tokens t−n+2 … t with start slots
 * before token 0; the unigram ignores context. Token 0 has no context for any model and is not scored.
 */
export async function compareLanguageModels(text: string | readonly string[], settings: Partial<LmCompareSettings> = {}, onProgress?: LmCompareProgress): Promise<LmComparison> {
  const s = resolveLmCompareSettings(settings);
  const tokens = typeof text === "string" ? tokenize(text) : text;
  // where splitTokens will end the training split: the vocabulary must not see held-out text
  const trainEnd = splitTokens(new Int32Array(tokens.length), LM_COMPARE_SPLIT)[0].length;
  const vocab = new WordVocabulary(tokens.slice(0, trainEnd), { minCount: s.minCount });
  const [train, validation, test] = splitTokens(vocab.encodeTokens(tokens), LM_COMPARE_SPLIT);
  const minHeldOut = Math.min(validation.length, test.length);
  if (minHeldOut < 2 || train.length < 2 * s.batchSize) {
    throw new RangeError(`compareLanguageModels: ${tokens.length} tokens are too few (the held-out splits need at least 2 tokens each and the training split 2 per stream of batch ${s.batchSize})`);
  }
  const V = vocab.size;
  const rows: LmCompareRow[] = [];

  const unigram = timed(() => unigramBaseline(train, validation.subarray(1), V));
  rows.push({
    model: "unigram (add-1)",
    parameters: V,
    validation: scored(unigram.value, validation),
    test: scored(unigramBaseline(train, test.subarray(1), V), test),
    trainSeconds: unigram.seconds,
  });

  const distinctGrams = countDistinctGrams(train, s.order, V);
  for (const [label, options] of [
    ["Kneser–Ney", { order: s.order, smoothing: "kneser-ney" }],
    [`add-k (k=${s.addK})`, { order: s.order, smoothing: "add-k", k: s.addK }],
  ] as const) {
    const fitted = timed(() => new NGramModel(options).fit(train, V));
    rows.push({
      model: `${s.order}-gram ${label}`,
      parameters: distinctGrams,
      validation: scoreHeldOut(fitted.value, validation),
      test: scoreHeldOut(fitted.value, test),
      trainSeconds: fitted.seconds,
      lm: fitted.value,
    });
  }

  const nplm = await trainNplm(train, V, s, onProgress);
  rows.push({ model: nplm.name, parameters: countParameters(nplm.model), validation: scoreHeldOut(nplm.model, validation), test: scoreHeldOut(nplm.model, test), trainSeconds: nplm.trainSeconds, epochs: nplm.epochs, lm: nplm.model });

  for (const cell of s.cells) rows.push(await trainRecurrent(cell, train, validation, test, V, s, onProgress));
  return { vocabSize: V, vocabulary: vocab, splitTokens: [train.length, validation.length, test.length], rows };
}

const CELL_NAMES: Record<RecurrentCell, string> = { rnn: "Elman RNN", lstm: "LSTM", gru: "GRU" };

async function trainRecurrent(
  cell: RecurrentCell,
  train: Int32Array,
  validation: Int32Array,
  test: Int32Array,
  V: number,
  s: LmCompareSettings,
  onProgress?: LmCompareProgress,
): Promise<LmCompareRow> {
  const name = `${CELL_NAMES[cell]} ${s.embeddingDim}→${s.hiddenSize}`;
  manualSeed(s.seed);
  const model = new RecurrentLM(V, { cell, embeddingDim: s.embeddingDim, hiddenSize: s.hiddenSize });
  const optimizer = new optim.Adam(model.parameters(), { lr: s.lr });
  const updatesPerEpoch = Math.ceil((Math.floor(train.length / s.batchSize) - 1) / s.seqLen);
  const { trainSeconds, epochs } = await trainWithinBudget(
    name,
    { epochs: s.epochs, minutes: s.minutes, updatesPerEpoch },
    (within) => trainTbpttEpoch({ model, optimizer, chunks: within(bpttBatches(train, s.batchSize, s.seqLen)), clipGradNorm: s.clipGradNorm }),
    onProgress,
  );
  return { model: name, parameters: countParameters(model), validation: scoreHeldOut(model, validation), test: scoreHeldOut(model, test), trainSeconds, epochs, lm: model };
}

/** Tokens 1 … m − 1 of a held-out split of m tokens, each given those before it (LanguageModel.score). */
function scoreHeldOut(model: LanguageModel, heldOut: Int32Array): HeldOutScore {
  return { ...crossEntropyReport(-model.score(heldOut) / (heldOut.length - 1)), tokens: heldOut.length - 1 };
}

function scored(report: CrossEntropyReport, heldOut: Int32Array): HeldOutScore {
  return { ...report, tokens: heldOut.length - 1 };
}

/** Distinct 1-, 2-, …, n-grams of a stream: what an n-gram model must store counts for. */
function countDistinctGrams(tokens: Int32Array, order: number, V: number): number {
  let total = 0;
  for (let n = 1; n <= order; n++) {
    const seen = new Set<number>();
    for (let end = n - 1; end < tokens.length; end++) {
      let key = 0;
      for (let i = end - n + 1; i <= end; i++) key = key * V + tokens[i];
      seen.add(key);
    }
    total += seen.size;
  }
  return total;
}

function countParameters(model: { parameters(): { size: number }[] }): number {
  return model.parameters().reduce((n, p) => n + p.size, 0);
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** LM_COMPARE_DEFAULTS overridden by the defined fields of `settings`, checked. */
export function resolveLmCompareSettings(settings: Partial<LmCompareSettings> = {}): LmCompareSettings {
  const s: LmCompareSettings = { ...LM_COMPARE_DEFAULTS, ...definedOnly(settings) };
  if (!Number.isInteger(s.epochs) || s.epochs < 1) throw new RangeError(`compareLanguageModels: epochs must be a positive integer, got ${s.epochs}`);
  for (const [name, n] of [["nplmContext", s.nplmContext], ["nplmHidden", s.nplmHidden]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`compareLanguageModels: ${name} must be a positive integer, got ${n}`);
  }
  if (!(s.minutes > 0)) throw new RangeError(`compareLanguageModels: minutes must be positive, got ${s.minutes}`);
  return s;
}

/** The comparison as a text table, one line per model, with a header and a note on what was scored. */
export function formatLmComparison(result: LmComparison): string[] {
  const header = ["model", "parameters", "val ppl", "test ppl", "train time"];
  const body = result.rows.map((r) => [
    r.model,
    r.parameters.toLocaleString("en-US"),
    r.validation.perplexity.toFixed(1),
    r.test.perplexity.toFixed(1),
    formatSeconds(r.trainSeconds) + (r.epochs === undefined ? "" : ` (${r.epochs.toFixed(2)} epochs)`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const { validation, test } = result.rows[0];
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    `perplexity = exp(mean nats per token) over the same ${validation.tokens} validation / ${test.tokens} test target tokens for every model;`,
    "count models' parameters are their stored counts (vocabulary ids for the unigram, distinct 1…n-grams of the training split for an n-gram).",
  ];
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : seconds < 120 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}
