/**
 * One MemN2N trained and tested on a generated bAbI task — what examples/memn2n-babi.ts runs per
 * task and `strata babi` runs once: 1,000 training questions (seed 1) and 1,000 test questions
 * (seed 2) by default, the paper's best 1k variant PE LS RN (position encoding, linear start,
 * random noise 0.1), 3 hops with adjacent tying, d = 20, 50 memory slots.
 */
import { noGrad } from "../autograd/index.js";
import { babiBatch, BabiVocabulary, GENERATED_BABI_TASKS, generateBabi, parseBabi, type BabiSample, type GeneratedBabiTask } from "../data/index.js";
import { manualSeed } from "../tensor/index.js";
import { MemN2N } from "./memn2n.js";
import { topAttention } from "./memn2n-explain.js";
import { memn2nEvaluate, trainMemN2N, type MemN2NEpoch } from "./memn2n-train.js";

export interface BabiTaskRunOptions {
  epochs?: number;
  /** Training questions, and as many test questions (default 1,000). */
  questions?: number;
  /** Seed of the initialisation and training order (default: the task number). */
  seed?: number;
  onEpoch?: (report: MemN2NEpoch) => void;
}

export interface BabiTaskRun {
  task: GeneratedBabiTask;
  testError: number;
  seconds: number;
  /** For the first test question: its text, answer and prediction, and each hop's top-3 statements. */
  explanation: string[];
}

/** Train one MemN2N PE LS RN on a generated task and test it. */
export function runMemN2NOnTask(task: number, options: BabiTaskRunOptions = {}): BabiTaskRun {
  if (!(GENERATED_BABI_TASKS as readonly number[]).includes(task)) throw new RangeError(`runMemN2NOnTask: task ${task} is not generated; choose from ${GENERATED_BABI_TASKS.join(", ")}`);
  const { epochs = 30, questions = 1000, seed = task, onEpoch } = options;
  manualSeed(seed);
  const train = parseBabi(generateBabi(task as GeneratedBabiTask, { questions, seed: 1 }));
  const test = parseBabi(generateBabi(task as GeneratedBabiTask, { questions, seed: 2 }));
  const all = [...train, ...test];
  const vocab = BabiVocabulary.fromSamples(all);
  const batchOptions = { memorySize: 50, sentenceLength: Math.max(...all.flatMap((s) => [s.question.length, ...s.story.map((x) => x.length)])) };
  const model = new MemN2N(vocab.size, { memorySize: 50 });
  const start = performance.now();
  trainMemN2N(model, babiBatch(train, vocab, batchOptions), { epochs, linearStart: true, randomNoise: 0.1, seed, onEpoch });
  const seconds = (performance.now() - start) / 1000;
  const testBatch = babiBatch(test, vocab, batchOptions);
  return { task: task as GeneratedBabiTask, testError: memn2nEvaluate(model, testBatch).error, seconds, explanation: explainFirst(model, vocab, test[0]) };
}

/** Lines saying what the model answered to one question and which statements each hop read most. */
function explainFirst(model: MemN2N, vocab: BabiVocabulary, sample: BabiSample): string[] {
  const batch = babiBatch([sample], vocab, { memorySize: model.config.memorySize });
  const { attention, logits } = noGrad(() => model.forwardWithAttention(batch.memories, batch.queries, batch.memoryMask));
  const lines = [`"${sample.question.join(" ")}?" answer ${sample.answer.join(",")}, predicted ${vocab.word(logits.argmax(-1).values[0])}; supporting facts ${sample.supportingFacts.join(", ")}`];
  topAttention(attention, batch, 0).forEach((hop, k) => {
    const read = hop.map(({ storyIndex, weight }) => `${weight.toFixed(2)} [${storyIndex}] ${sample.story[storyIndex].join(" ")}`);
    lines.push(`hop ${k + 1}: ${read.join(" | ")}`);
  });
  return lines;
}
