/** `strata sample RUN`: generate text from a char-rnn checkpoint. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Generator } from "../index.js";
import { CharVocabulary } from "../data/index.js";
import { loadCheckpoint } from "../io/index.js";
import { sampleText } from "../models/index.js";
import { charRnnModel, type CharRnnSettings } from "./char-rnn-command.js";

export interface SampleCommandOptions {
  temperature: number;
  length: number;
  prime?: string;
  seed?: number;
}

export async function sampleCommand(path: string, options: SampleCommandOptions): Promise<void> {
  // accept the run directory or the checkpoint directory inside it
  const checkpointDir = existsSync(join(path, "checkpoint", "checkpoint.json")) ? join(path, "checkpoint") : path;
  const checkpoint = await loadCheckpoint(checkpointDir);
  const extra = checkpoint.extra as { kind?: string; chars?: string[]; settings?: CharRnnSettings } | undefined;
  if (extra?.kind !== "char-rnn" || !extra.chars || !extra.settings) {
    throw new Error(`${checkpointDir} is not a char-rnn checkpoint (train one with \`strata train char-rnn\`)`);
  }
  // the vocabulary is rebuilt from the saved characters (a prime's unknown characters are skipped)
  const vocab = new CharVocabulary(extra.chars.join(""), { unknown: "skip" });
  if (vocab.chars.join("") !== extra.chars.join("")) throw new Error(`${checkpointDir}: its character list is not in vocabulary order`);
  const model = charRnnModel(vocab.size, extra.settings);
  model.loadStateDict(checkpoint.model);
  const generator = new Generator(options.seed ?? Date.now());
  const text = sampleText(model, vocab, { prime: options.prime, length: options.length, temperature: options.temperature, generator });
  process.stdout.write((options.prime ?? "") + text + "\n");
}
