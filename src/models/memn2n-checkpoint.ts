/**
 * A trained MemN2N and the vocabulary it reads, in one safetensors file: the weights by their
 * state-dict names, and in the metadata the model's configuration and its words (a model's word ids
 * mean nothing without them), so that `strata babi --load` can test it on another file.
 */
import { BabiVocabulary } from "../data/index.js";
// the io barrel re-exports the ONNX exporters, which import the model zoo: import the file itself
import { loadSafetensors, saveSafetensors } from "../io/safetensors-file.js";
import type { FileLocation } from "../io/read-bytes.js";
import { MemN2N, type MemN2NOptions } from "./memn2n.js";

export interface MemN2NCheckpoint {
  model: MemN2N;
  vocab: BabiVocabulary;
}

export async function saveMemN2N(path: string, { model, vocab }: MemN2NCheckpoint): Promise<void> {
  if (model.config.vocabSize !== vocab.size) throw new RangeError(`saveMemN2N: the model reads ${model.config.vocabSize} words but the vocabulary has ${vocab.size}`);
  await saveSafetensors(path, model.stateDict(), { format: "strata-memn2n", config: JSON.stringify(model.config), vocabulary: JSON.stringify(vocab.words) });
}

export async function loadMemN2N(location: FileLocation): Promise<MemN2NCheckpoint> {
  const { tensors, metadata } = await loadSafetensors(location);
  if (metadata?.format !== "strata-memn2n" || metadata.config === undefined || metadata.vocabulary === undefined) {
    throw new Error(`loadMemN2N: ${String(location)} is not a MemN2N checkpoint (its metadata lacks format "strata-memn2n", config and vocabulary); save one with saveMemN2N or \`strata babi --save\``);
  }
  const { vocabSize, ...options } = JSON.parse(metadata.config) as MemN2NOptions & { vocabSize: number };
  const vocab = new BabiVocabulary(JSON.parse(metadata.vocabulary) as string[]);
  if (vocab.size !== vocabSize) throw new Error(`loadMemN2N: ${String(location)} holds ${vocab.size} words for a model that reads ${vocabSize}`);
  // checkpoints from before attendEmptySlots existed were trained with the empty slots left out
  const model = new MemN2N(vocabSize, { attendEmptySlots: false, ...options });
  model.loadStateDict(tensors);
  model.eval();
  return { model, vocab };
}
