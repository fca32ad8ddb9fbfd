/**
 * One MemN2N trained and tested on bAbI samples — what examples/memn2n-babi.ts runs per task and
 * `strata babi` runs once: by default a generated task's 1,000 training questions (seed 1) and
 * 1,000 test questions (seed 2), the paper's best 1k variant PE LS RN (position encoding, linear
 * start, random noise 0.1), 3 hops with adjacent tying, d = 20, min(50, the longest story) memory
 * slots, trained as the authors' Matlab code trains it (config_babi.m): 20 epochs of linear start
 * by SGD at 0.005, then 100 epochs with the softmaxes back, from 0.005 halved every 25 epochs.
 */
import { noGrad } from "../autograd/index.js";
import { babiBatch, BabiVocabulary, checkBabiVocabulary, GENERATED_BABI_TASKS, generateBabi, parseBabi, type BabiSample, type GeneratedBabiTask } from "../data/index.js";
import { manualSeed } from "../tensor/index.js";
import { MemN2N, type MemN2NTying, type SentenceEncoding } from "./memn2n.js";
import type { MemN2NCheckpoint } from "./memn2n-checkpoint.js";
import { topAttention } from "./memn2n-explain.js";
import { memn2nEvaluate, trainMemN2N, type MemN2NEpoch } from "./memn2n-train.js";

export interface BabiTaskRunOptions {
  /** Epochs with the memory softmaxes in (default 100), after the linear start's. */
  epochs?: number;
  /** Training questions, and as many test questions (default 1,000). */
  questions?: number;
  /** Seed of the initialisation and training order (default: the task number). */
  seed?: number;
  /** Models trained from different initialisations, the one with the lowest validation error kept (the paper: 10; default 1). */
  repeats?: number;
  /** Linear start (default true, the paper's PE LS RN; false trains PE RN). */
  linearStart?: boolean;
  /** The optimiser (default "sgd") and its rate (default 0.005 for SGD as the authors' code, 0.01 for Adam). */
  optimizer?: "sgd" | "adam";
  lr?: number;
  /** Epochs of linear start (default 20, as the authors' code) and their rate (default: lr). */
  linearStartEpochs?: number;
  linearStartLr?: number;
  /** Epochs between halvings of the rate (default 25). */
  annealEvery?: number;
  /** The model's sentence representation (MemN2N's default: "position-matlab") and embedding size (default 20; the paper's joint training: 50). */
  encoding?: SentenceEncoding;
  embeddingDim?: number;
  /** The model's weight tying (default "adjacent") and its ReLU after every hop (default false); see LW_RN_STAR_MODEL. */
  tying?: MemN2NTying;
  nonlinear?: boolean;
  /** Minibatches of similar story length (trainMemN2N's bucketByLength; default false, true in runMemN2NJoint). */
  bucketByLength?: boolean;
  onEpoch?: (report: MemN2NEpoch) => void;
}

export interface BabiTaskRun extends MemN2NCheckpoint {
  testError: number;
  seconds: number;
  /** For the first test question: its text, answer and prediction, and each hop's top-3 statements. */
  explanation: string[];
}

/** A generated task's training (seed 1) and test (seed 2) samples, `questions` each. */
export function generatedBabiSplits(task: number, questions = 1000): { train: BabiSample[]; test: BabiSample[] } {
  if (!(GENERATED_BABI_TASKS as readonly number[]).includes(task)) throw new RangeError(`generatedBabiSplits: task must be one of ${GENERATED_BABI_TASKS.join(", ")}, got ${task}`);
  const split = (seed: number) => parseBabi(generateBabi(task as GeneratedBabiTask, { questions, seed }), `generated task ${task} (seed ${seed})`);
  return { train: split(1), test: split(2) };
}

/**
 * The memory slots and sentence length every batch of these samples shares: the longest story, at
 * most `memorySize` — the model's memory size too, as in the authors' code (config.sz = min(50,
 * the longest story)): its empty slots take part in the attention, so their number matters.
 */
export function babiBatchOptions(samples: readonly BabiSample[], memorySize: number): { memorySize: number; sentenceLength: number } {
  // loops, not Math.max(...lengths): the 10k files' questions hold millions of sentences, past the spread's stack limit
  let longestStory = 0;
  let sentenceLength = 0;
  for (const { story, question } of samples) {
    longestStory = Math.max(longestStory, story.length);
    sentenceLength = story.reduce((n, sentence) => Math.max(n, sentence.length), Math.max(sentenceLength, question.length));
  }
  return { memorySize: Math.min(memorySize, longestStory), sentenceLength };
}

/** Train one MemN2N PE LS RN (or PE RN) on `train` (its vocabulary also covers `test`) and test it. */
export function runMemN2N(train: readonly BabiSample[], test: readonly BabiSample[], options: BabiTaskRunOptions = {}): BabiTaskRun {
  const { epochs = 100, seed = 0, repeats = 1, linearStart = true, optimizer = "sgd", linearStartEpochs = 20, annealEvery, encoding, embeddingDim, tying, nonlinear, bucketByLength, onEpoch } = options;
  const { lr = optimizer === "sgd" ? 0.005 : 0.01, linearStartLr = lr } = options;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`runMemN2N: repeats must be a positive integer, got ${repeats}`);
  const all = [...train, ...test];
  const vocab = BabiVocabulary.fromSamples(all);
  const batch = babiBatch(train, vocab, babiBatchOptions(all, 50));
  const start = performance.now();
  let kept: { model: MemN2N; validationError: number } | null = null;
  for (let r = 0; r < repeats; r++) {
    // repeat r is the single run of seed + 1000 r: its own initialisation, order and held-out tenth
    const runSeed = seed + 1000 * r;
    manualSeed(runSeed);
    const model = new MemN2N(vocab.size, { memorySize: batch.memoryMask.shape[1], encoding, embeddingDim, tying, nonlinear });
    const schedule = linearStart ? { linearStartEpochs, linearStartLr } : {};
    const reports = trainMemN2N(model, batch, { epochs, linearStart, optimizer, lr, ...schedule, annealEvery, bucketByLength, randomNoise: 0.1, seed: runSeed, onEpoch });
    const validationError = Math.min(...reports.filter((e) => !e.linear).map((e) => e.validationError));
    if (kept === null || validationError < kept.validationError) kept = { model, validationError };
  }
  const seconds = (performance.now() - start) / 1000;
  return { ...testMemN2N({ model: kept!.model, vocab }, test, "the test questions", "the model's own vocabulary"), seconds };
}

/** Train and test on a generated task (generatedBabiSplits). */
export function runMemN2NOnTask(task: number, options: BabiTaskRunOptions = {}): BabiTaskRun {
  const { train, test } = generatedBabiSplits(task, options.questions);
  return runMemN2N(train, test, { ...options, seed: options.seed ?? task });
}

/** What runMemN2NJoint returns: the joint model and its test error on each task's test questions. */
export interface JointBabiRun extends BabiTaskRun {
  taskErrors: Map<number, number>;
}

/** bAbI's criterion: a task passes at a test error of at most 5%. */
export function babiTaskPassed(error: number): boolean {
  return error <= 0.05;
}

/** The authors' joint configuration (config_babi_joint.m): d = 50, 30 epochs of linear start, then 60 halved every 15. */
export const JOINT_BABI_RECIPE = { embeddingDim: 50, linearStartEpochs: 30, epochs: 60, annealEvery: 15 } as const;

/**
 * The model of the paper's best 10k result, "PE LS LW RN*" (Table 1: 17 of 20 tasks, 4.2% mean
 * error): layer-wise tying with H, d = 100 and a ReLU after every hop; trained like PE LS RN.
 */
export const LW_RN_STAR_MODEL = { embeddingDim: 100, tying: "layerwise", nonlinear: true } as const satisfies BabiTaskRunOptions;

/** The paper's name of a position-encoded variant: PE, then LS (linear start, the default), LW (layer-wise tying) and RN, starred if non-linear. */
export function babiVariantName({ linearStart = true, tying = "adjacent", nonlinear = false }: BabiTaskRunOptions): string {
  return `PE${linearStart ? " LS" : ""}${tying === "layerwise" ? " LW" : ""} RN${nonlinear ? "*" : ""}`;
}

/**
 * One MemN2N trained on the training questions of several generated tasks at once (the paper's
 * joint training; its held-out tenth drawn from all of them) and tested on each task's test
 * questions; `testError` is over all of them. Options left unset follow JOINT_BABI_RECIPE, and
 * minibatches are drawn by story length unless `bucketByLength: false`: the tasks' stories run
 * from 2 to 50 statements, and a minibatch costs what its longest story costs.
 */
export function runMemN2NJoint(tasks: readonly number[], options: BabiTaskRunOptions = {}): JointBabiRun {
  if (tasks.length === 0) throw new RangeError("runMemN2NJoint: give at least one task");
  // an option passed as undefined (a CLI flag not given) keeps the recipe's value
  const given: BabiTaskRunOptions = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const splits = tasks.map((task) => ({ task, ...generatedBabiSplits(task, options.questions) }));
  const run = runMemN2N(splits.flatMap((s) => s.train), splits.flatMap((s) => s.test), { ...JOINT_BABI_RECIPE, bucketByLength: true, ...given });
  const taskErrors = new Map(splits.map(({ task, test }) => [task, testMemN2N(run, test, `generated task ${task} (seed 2)`, "the joint model's vocabulary").testError]));
  return { ...run, taskErrors };
}

/**
 * The test error of a trained model on samples from `source`, and what it read for the first one;
 * a word of the samples outside the model's vocabulary (from `vocabularyFrom`) is a BabiFormatError
 * naming the source, line and word.
 */
export function testMemN2N({ model, vocab }: MemN2NCheckpoint, test: readonly BabiSample[], source: string, vocabularyFrom: string): Omit<BabiTaskRun, "seconds"> {
  if (test.length === 0) throw new RangeError(`testMemN2N: ${source} has no questions`);
  checkBabiVocabulary(test, vocab, source, vocabularyFrom);
  const { memorySize } = model.config;
  const testError = memn2nEvaluate(model, babiBatch(test, vocab, babiBatchOptions(test, memorySize))).error;
  return { model, vocab, testError, explanation: explainFirst(model, vocab, test[0]) };
}

/** Lines saying what the model answered to one question and which statements each hop read most. */
function explainFirst(model: MemN2N, vocab: BabiVocabulary, sample: BabiSample): string[] {
  const batch = babiBatch([sample], vocab, { memorySize: model.config.memorySize });
  const { attention, logits } = noGrad(() => model.forwardWithAttention(batch.memories, batch.queries, batch.memoryMask));
  const lines = [`"${sample.question.join(" ")}?" answer ${sample.answer.join(",")}, predicted ${vocab.word(logits.argmax(-1).values[0])}; supporting facts ${sample.supportingFacts.join(", ")}`];
  topAttention(attention, batch, 0).forEach((hop, k) => {
    const read = hop.map(({ storyIndex, weight }) => `${weight.toFixed(2)} [${storyIndex}] ${storyIndex < 0 ? "(empty)" : sample.story[storyIndex].join(" ")}`);
    lines.push(`hop ${k + 1}: ${read.join(" | ")}`);
  });
  return lines;
}
