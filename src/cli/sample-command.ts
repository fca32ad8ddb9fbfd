/** `strata sample RUN`: generate text from a char-rnn checkpoint. */
import { Generator } from "../index.js";
import { sampleText } from "../models/index.js";
import { loadCharRnnRun } from "./char-rnn-run.js";

export interface SampleCommandOptions {
  temperature: number;
  length: number;
  prime?: string;
  seed?: number;
}

export async function sampleCommand(path: string, options: SampleCommandOptions): Promise<void> {
  const { model, vocab } = await loadCharRnnRun(path);
  const generator = new Generator(options.seed ?? Date.now());
  const text = sampleText(model, vocab, { prime: options.prime, length: options.length, temperature: options.temperature, generator });
  process.stdout.write((options.prime ?? "") + text + "\n");
}
