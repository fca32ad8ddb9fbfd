/** A run of `strata train char-rnn` read back: its vocabulary and its trained RecurrentLM. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CharVocabulary } from "../data/index.js";
import { loadCheckpoint, type Checkpoint } from "../io/index.js";
import type { RecurrentLM } from "../models/index.js";
import { charRnnModel, type CharRnnSettings } from "./char-rnn-command.js";

export interface CharRnnRun {
  model: RecurrentLM;
  vocab: CharVocabulary;
  checkpointDir: string;
}

/** The checkpoint directory of a run directory, or the path itself when it is one. */
export const checkpointDirOf = (path: string) => (existsSync(join(path, "checkpoint", "checkpoint.json")) ? join(path, "checkpoint") : path);

/** Whether a checkpoint was written by `strata train char-rnn`. */
export const isCharRnnCheckpoint = ({ extra }: Pick<Checkpoint, "extra">) => (extra as { kind?: string } | undefined)?.kind === "char-rnn";

/** The char-rnn run at path (its run directory or the checkpoint directory inside it). */
export async function loadCharRnnRun(path: string): Promise<CharRnnRun> {
  const checkpointDir = checkpointDirOf(path);
  const checkpoint = await loadCheckpoint(checkpointDir);
  const extra = checkpoint.extra as { chars?: string[]; settings?: CharRnnSettings } | undefined;
  if (!isCharRnnCheckpoint(checkpoint) || !extra?.chars || !extra.settings) {
    throw new Error(`${checkpointDir} is not a char-rnn checkpoint (train one with \`strata train char-rnn\`)`);
  }
  // the vocabulary is rebuilt from the saved characters (a prime's unknown characters are skipped)
  const vocab = new CharVocabulary(extra.chars.join(""), { unknown: "skip" });
  if (vocab.chars.join("") !== extra.chars.join("")) throw new Error(`${checkpointDir}: its character list is not in vocabulary order`);
  const model = charRnnModel(vocab.size, extra.settings);
  model.loadStateDict(checkpoint.model);
  return { model, vocab, checkpointDir };
}
