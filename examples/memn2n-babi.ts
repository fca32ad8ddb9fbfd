/**
 * End-to-end memory networks on the generated bAbI tasks (1, 2 and 6–13): one MemN2N per task,
 * trained on 1,000 questions and tested on 1,000 questions of another seed, with the paper's best
 * 1k variant "PE LS RN" (position encoding, linear start, random noise; 3 hops, adjacent tying,
 * d = 20, 50 memory slots). Prints test error per task beside Sukhbaatar et al. 2015's Table 1
 * figure, and for the first test question of each task the statements each hop attended to most.
 * Our tasks are generated (src/data/babi-generate.ts), not Weston et al.'s files, so the figures
 * compare methods, not runs on the same data; training uses Adam and fewer epochs than the paper's
 * SGD for 100 (see trainMemN2N).
 *
 * Run after `npm ci`:  node dist/examples/memn2n-babi.js [epochs] [task …]
 */
import { manualSeed } from "../src/index.js";
import { babiBatch, BabiVocabulary, GENERATED_BABI_TASKS, generateBabi, parseBabi, type GeneratedBabiTask } from "../src/data/index.js";
import { MemN2N, memn2nEvaluate, topAttention, trainMemN2N } from "../src/models/index.js";
import { noGrad } from "../src/autograd/index.js";

/** Sukhbaatar et al. 2015, Table 1, MemN2N "PE LS RN", 1k training questions: not checked against the paper here. */
const PAPER_ERROR: Partial<Record<GeneratedBabiTask, number>> = {};

const epochs = Number(process.argv[2] ?? 30);
const tasks = (process.argv.length > 3 ? process.argv.slice(3).map(Number) : [...GENERATED_BABI_TASKS]) as GeneratedBabiTask[];
const unknown = tasks.filter((t) => !(GENERATED_BABI_TASKS as readonly number[]).includes(t));
if (unknown.length > 0) throw new RangeError(`memn2n-babi: tasks ${unknown.join(", ")} are not generated; choose from ${GENERATED_BABI_TASKS.join(", ")}`);

const rows: string[] = [];
for (const task of tasks) {
  manualSeed(task);
  const train = parseBabi(generateBabi(task, { questions: 1000, seed: 1 }));
  const test = parseBabi(generateBabi(task, { questions: 1000, seed: 2 }));
  const vocab = BabiVocabulary.fromSamples([...train, ...test]);
  const batchOptions = { memorySize: 50, sentenceLength: Math.max(...[...train, ...test].flatMap((s) => [s.question.length, ...s.story.map((x) => x.length)])) };
  const model = new MemN2N(vocab.size, { memorySize: 50 });
  const start = performance.now();
  trainMemN2N(model, babiBatch(train, vocab, batchOptions), { epochs, linearStart: true, randomNoise: 0.1, seed: task });
  const seconds = (performance.now() - start) / 1000;
  const testBatch = babiBatch(test, vocab, batchOptions);
  const { error } = memn2nEvaluate(model, testBatch);
  const paper = PAPER_ERROR[task];
  rows.push(`| ${task} | ${(100 * error).toFixed(1)} | ${paper === undefined ? "not checked" : paper.toFixed(1)} | ${error <= 0.05 ? "yes" : "no"} | ${seconds.toFixed(0)} |`);
  console.log(rows[rows.length - 1]);

  const sample = test[0];
  const { attention, logits } = noGrad(() => model.forwardWithAttention(testBatch.memories, testBatch.queries, testBatch.memoryMask));
  const guess = vocab.word(logits.argmax(-1).values[0]);
  console.log(`  "${sample.question.join(" ")}?" answer ${sample.answer.join(",")}, predicted ${guess}; supporting facts ${sample.supportingFacts.join(", ")}`);
  topAttention(attention, testBatch, 0).forEach((hop, k) => {
    const read = hop.map(({ storyIndex, weight }) => `${weight.toFixed(2)} [${storyIndex}] ${storyIndex < 0 ? "(empty)" : sample.story[storyIndex].join(" ")}`);
    console.log(`  hop ${k + 1}: ${read.join(" | ")}`);
  });
}

console.log(`\nMemN2N PE LS RN, 1,000 training and 1,000 test questions a task, ${epochs} epochs; test error %`);
console.log("| task | error | paper (1k, PE LS RN) | passed (≤ 5%) | seconds |");
console.log("|---:|---:|---:|:---:|---:|");
for (const row of rows) console.log(row);
