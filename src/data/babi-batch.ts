/**
 * bAbI samples as the tensors a memory network reads: each story's last M statements as memory
 * slots of word ids, the most recent in slot 0, so a slot's index is its time index for temporal
 * encoding (Sukhbaatar et al. 2015, §4.1); sentences padded with id 0 to a common length L.
 */
import { indexSelect, narrow, tensor } from "../ops/index.js";
import type { Generator, Tensor } from "../tensor/index.js";
import type { BabiSample } from "./babi.js";
import { answerClass, type BabiVocabulary } from "./babi-vocab.js";

export interface BabiBatch {
  /** int32 [N, M, L]: slot i holds the statement i steps before the question's last one (0 = most recent); empty slots are all padding. */
  memories: Tensor;
  /** int32 [N, M]: 1 where a slot holds a statement, 0 for padding slots and inserted empty memories. */
  memoryMask: Tensor;
  /** int32 [N, L]: the question's word ids, padded. */
  queries: Tensor;
  /** int32 [N]: the answer class ids. */
  answers: Tensor;
  /** [N][M]: the story index of the statement in each slot, or −1 for padding and inserted empty slots. */
  storyIndex: number[][];
}

export interface BabiBatchOptions {
  /** Memory slots M: a story's last M statements are kept (default 50, as the paper). */
  memorySize?: number;
  /** Sentence length L (default: the longest statement or question of these samples). */
  sentenceLength?: number;
}

function longestSentence(samples: readonly BabiSample[]): number {
  let longest = 1;
  for (const s of samples) {
    longest = Math.max(longest, s.question.length);
    for (const sentence of s.story) longest = Math.max(longest, sentence.length);
  }
  return longest;
}

/** The tensors of a batch of samples; every word must be in the vocabulary. */
export function babiBatch(samples: readonly BabiSample[], vocab: BabiVocabulary, options: BabiBatchOptions = {}): BabiBatch {
  const { memorySize = 50, sentenceLength = longestSentence(samples) } = options;
  if (samples.length === 0) throw new RangeError("babiBatch: samples is empty");
  for (const [name, n] of [["memorySize", memorySize], ["sentenceLength", sentenceLength]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`babiBatch: ${name} must be a positive integer, got ${n}`);
  }
  const n = samples.length;
  const M = memorySize;
  const L = sentenceLength;
  const memories = new Int32Array(n * M * L);
  const mask = new Int32Array(n * M);
  const queries = new Int32Array(n * L);
  const answers = new Int32Array(n);
  const put = (sentence: readonly string[], into: Int32Array, offset: number, what: string) => {
    if (sentence.length > L) throw new RangeError(`babiBatch: ${what} has ${sentence.length} words, more than sentenceLength ${L}`);
    sentence.forEach((w, j) => (into[offset + j] = vocab.id(w)));
  };
  const storyIndex = samples.map((s, b) => {
    const slots = new Array<number>(M).fill(-1);
    const kept = Math.min(M, s.story.length);
    for (let i = 0; i < kept; i++) {
      const index = s.story.length - 1 - i;
      slots[i] = index;
      mask[b * M + i] = 1;
      put(s.story[index], memories, (b * M + i) * L, `sample ${b}'s statement ${index}`);
    }
    put(s.question, queries, b * L, `sample ${b}'s question`);
    answers[b] = vocab.id(answerClass(s));
    return slots;
  });
  return {
    memories: tensor(memories, [n, M, L]),
    memoryMask: tensor(mask, [n, M]),
    queries: tensor(queries, [n, L]),
    answers: tensor(answers, [n]),
    storyIndex,
  };
}

/**
 * The batch with empty memories inserted at random (the paper's random noise, §4.1: 10% at
 * training time), shifting the older statements to later time slots; statements pushed past the
 * last slot are dropped. Each statement is preceded by an empty slot with probability `fraction`.
 * As in the authors' code, which draws the statements' time indices with gaps, an inserted slot is
 * a gap in time: it holds nothing and is left out of memoryMask, like the slots past a story's end.
 */
export function withEmptyMemories(batch: BabiBatch, fraction: number, generator: Generator): BabiBatch {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`withEmptyMemories: fraction must be in [0, 1), got ${fraction}`);
  const [n, M, L] = batch.memories.shape;
  const source = batch.memories.values;
  const memories = new Int32Array(n * M * L);
  const mask = new Int32Array(n * M);
  const storyIndex = batch.storyIndex.map((slots, b) => {
    const out = new Array<number>(M).fill(-1);
    let to = 0;
    for (let from = 0; from < M && batch.memoryMask.values[b * M + from] === 1; from++) {
      if (generator.uniform() < fraction) to++; // a gap: one time step with no statement
      if (to >= M) break;
      memories.set(source.subarray((b * M + from) * L, (b * M + from + 1) * L), (b * M + to) * L);
      mask[b * M + to] = 1;
      out[to++] = slots[from];
    }
    return out;
  });
  return { ...batch, memories: tensor(memories, [n, M, L]), memoryMask: tensor(mask, [n, M]), storyIndex };
}

/** The samples `rows` of a batch, in that order (a minibatch of a split batched once). */
export function babiBatchRows(batch: BabiBatch, rows: readonly number[]): BabiBatch {
  const n = batch.answers.size;
  const bad = rows.find((r) => !Number.isInteger(r) || r < 0 || r >= n);
  if (bad !== undefined) throw new RangeError(`babiBatchRows: row ${bad} is out of range for a batch of ${n} samples`);
  const index = tensor(Int32Array.from(rows), [rows.length]);
  return {
    memories: indexSelect(batch.memories, 0, index),
    memoryMask: indexSelect(batch.memoryMask, 0, index),
    queries: indexSelect(batch.queries, 0, index),
    answers: indexSelect(batch.answers, 0, index),
    storyIndex: rows.map((r) => batch.storyIndex[r]),
  };
}

/** One past the last column of a row-major int32 array `width` wide that holds a nonzero value in any row (at least 1). */
function usedWidth(values: Int32Array, width: number): number {
  let used = 1;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) used = Math.max(used, (i % width) + 1);
  return used;
}

/**
 * The batch cut to its last occupied memory slot and its longest statement and question: the
 * same answers from a MemN2N (the slots and words cut held nothing: padding weighs nothing, each
 * sentence's position weights follow its own length, and the model counts empty slots against its
 * own memorySize), at a cost that follows the batch's longest story, not the model's 50 slots.
 */
export function trimBabiBatch(batch: BabiBatch): BabiBatch {
  const [, M, L] = batch.memories.shape;
  const slots = usedWidth(batch.memoryMask.values as Int32Array, M);
  const words = usedWidth(batch.memories.values as Int32Array, L);
  const queryWords = usedWidth(batch.queries.values as Int32Array, batch.queries.shape[1]);
  return {
    memories: narrow(narrow(batch.memories, 1, 0, slots), 2, 0, words),
    memoryMask: narrow(batch.memoryMask, 1, 0, slots),
    queries: narrow(batch.queries, 1, 0, queryWords),
    answers: batch.answers,
    storyIndex: batch.storyIndex.map((s) => s.slice(0, slots)),
  };
}
