/**
 * Generated sequence-to-sequence tasks for encoder–decoder models: reversing a digit string
 * ("3141" → "1413"), sorting it ("3141" → "1134") and adding two numbers written as text
 * ("12+345" → "357"). Every example is drawn from a seeded Generator, and every source string
 * belongs to exactly one split, "train" or "test" (a fixed hash of the string decides), so a test
 * set drawn with the same options never repeats a training example.
 */
import { tensor } from "../ops/index.js";
import type { Generator, Tensor } from "../tensor/index.js";

/** The task vocabulary: pad, start and end tokens, the digits 0–9 and '+'. */
export const SEQ_VOCAB = {
  PAD: 0,
  SOS: 1,
  EOS: 2,
  /** Number of token ids. */
  size: 14,
  /** The ids of a string of digits and '+'. */
  encode(text: string): number[] {
    return Array.from(text, (ch) => {
      if (ch === "+") return 13;
      const d = ch.charCodeAt(0) - 48;
      if (d < 0 || d > 9) throw new RangeError(`SEQ_VOCAB.encode: only digits and '+' are in the vocabulary, got ${JSON.stringify(ch)}`);
      return 3 + d;
    });
  },
  /** The text of token ids; special tokens (pad, start, end) are skipped. */
  decode(ids: Iterable<number>): string {
    let out = "";
    for (const id of ids) {
      if (id === 13) out += "+";
      else if (id >= 3 && id <= 12) out += String.fromCharCode(45 + id);
    }
    return out;
  },
} as const;

export type SeqTask = "reverse" | "sort" | "add";

export interface SeqTaskOptions {
  /**
   * Shortest and longest length, inclusive: of the digit string for reverse and sort, of each
   * operand (in digits) for add.
   */
  minLength: number;
  maxLength: number;
  /** Draw digits from 0…digits−1 only (reverse and sort; default 10). */
  digits?: number;
  /** Which split the examples come from (default "train"). */
  split?: "train" | "test";
  /** Fraction of source strings that belong to the test split (default 0.2). */
  testFraction?: number;
}

export interface SeqExample {
  source: string;
  target: string;
}

/** The answer of a task for a source string. */
export function solveSeqTask(task: SeqTask, source: string): string {
  switch (task) {
    case "reverse":
      return [...source].reverse().join("");
    case "sort":
      return [...source].sort().join("");
    case "add": {
      const parts = source.split("+");
      if (parts.length !== 2) throw new RangeError(`solveSeqTask: an add source is "a+b", got ${JSON.stringify(source)}`);
      return (BigInt(parts[0]) + BigInt(parts[1])).toString();
    }
    default:
      throw new TypeError(`solveSeqTask: unknown task ${JSON.stringify(task)}; expected reverse, sort or add`);
  }
}

/** FNV-1a of the string, mapped to [0, 1): a fixed, seed-independent split of all source strings. */
function splitPoint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 4294967296;
}

function checkOptions(op: string, task: SeqTask, o: SeqTaskOptions): void {
  const { minLength, maxLength, digits = 10, testFraction = 0.2 } = o;
  if (!Number.isInteger(minLength) || minLength < 1 || !Number.isInteger(maxLength) || maxLength < minLength) {
    throw new RangeError(`${op}: need integers 1 ≤ minLength ≤ maxLength, got minLength ${minLength}, maxLength ${maxLength}`);
  }
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) throw new RangeError(`${op}: digits must be an integer in 1…10, got ${digits}`);
  if (task === "add" && digits !== 10) throw new RangeError(`${op}: the add task uses all 10 digits, got digits ${digits}`);
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`${op}: testFraction must be in (0, 1), got ${testFraction}`);
}

function drawSource(task: SeqTask, g: Generator, minLength: number, maxLength: number, digits: number): string {
  const digitString = (length: number, noLeadingZero: boolean) => {
    let s = "";
    for (let i = 0; i < length; i++) s += noLeadingZero && i === 0 && length > 1 ? 1 + g.int(9) : g.int(digits);
    return s;
  };
  const length = () => minLength + g.int(maxLength - minLength + 1);
  if (task === "add") return `${digitString(length(), true)}+${digitString(length(), true)}`;
  return digitString(length(), false);
}

/**
 * `count` examples of a task from the requested split, drawn with `generator`. Sources outside the
 * split are redrawn, so the two splits never share a source string.
 */
export function seqTaskExamples(task: SeqTask, count: number, generator: Generator, options: SeqTaskOptions): SeqExample[] {
  checkOptions("seqTaskExamples", task, options);
  const { minLength, maxLength, digits = 10, split = "train", testFraction = 0.2 } = options;
  const out: SeqExample[] = [];
  for (let tries = 0; out.length < count; tries++) {
    if (tries > 1000 * (count + 10)) throw new RangeError(`seqTaskExamples: cannot find ${count} ${split} examples of ${task} with these options`);
    const source = drawSource(task, generator, minLength, maxLength, digits);
    if (splitPoint(source) < testFraction === (split === "test")) out.push({ source, target: solveSeqTask(task, source) });
  }
  return out;
}

/** A padded batch (batch first, int32, padded with SEQ_VOCAB.PAD). */
export interface SeqBatch {
  /** Source token ids [N, S]. */
  source: Tensor;
  /** Valid length of each source [N]. */
  sourceLengths: Tensor;
  /** The decoder's teacher-forced input: SOS then the target tokens [N, T]. */
  decoderInput: Tensor;
  /** What the decoder must predict at each step: the target tokens then EOS [N, T]. */
  target: Tensor;
  /** Valid length of each target including EOS [N]. */
  targetLengths: Tensor;
  examples: SeqExample[];
}

/** Encode and pad examples into a SeqBatch. */
export function seqBatch(examples: readonly SeqExample[]): SeqBatch {
  if (examples.length === 0) throw new RangeError("seqBatch: need at least one example");
  const sources = examples.map((e) => SEQ_VOCAB.encode(e.source));
  const targets = examples.map((e) => SEQ_VOCAB.encode(e.target));
  const n = examples.length;
  const S = Math.max(...sources.map((s) => s.length));
  const T = Math.max(...targets.map((t) => t.length)) + 1;
  const source = new Int32Array(n * S).fill(SEQ_VOCAB.PAD);
  const decoderInput = new Int32Array(n * T).fill(SEQ_VOCAB.PAD);
  const target = new Int32Array(n * T).fill(SEQ_VOCAB.PAD);
  for (let i = 0; i < n; i++) {
    source.set(sources[i], i * S);
    decoderInput[i * T] = SEQ_VOCAB.SOS;
    decoderInput.set(targets[i], i * T + 1);
    target.set(targets[i], i * T);
    target[i * T + targets[i].length] = SEQ_VOCAB.EOS;
  }
  return {
    source: tensor(source, [n, S]),
    sourceLengths: tensor(Int32Array.from(sources, (s) => s.length), [n]),
    decoderInput: tensor(decoderInput, [n, T]),
    target: tensor(target, [n, T]),
    targetLengths: tensor(Int32Array.from(targets, (t) => t.length + 1), [n]),
    examples: [...examples],
  };
}
