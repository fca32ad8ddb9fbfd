/**
 * `strata babi --task N`: trains an end-to-end memory network on a generated bAbI task (or on bAbI
 * files) and reports its test error and attention; `--joint` trains one on several generated tasks
 * at once and reports each task's error; `--save` keeps the model with its vocabulary, `--load`
 * tests a saved one instead of training.
 */
import { GENERATED_BABI_TASKS, readBabi, type BabiSample } from "../data/index.js";
import { UsageError } from "./options.js";
import { babiTaskPassed, babiVariantName, generatedBabiSplits, JOINT_BABI_RECIPE, loadMemN2N, LW_RN_STAR_MODEL, runMemN2N, runMemN2NJoint, saveMemN2N, testMemN2N, type BabiTaskRun, type BabiTaskRunOptions } from "../models/index.js";

export interface BabiCommandOptions {
  task?: number;
  /** Train one model on these generated tasks at once (true: all 20), with the authors' joint configuration. */
  joint?: number[] | true;
  /** Default 100 (60 with joint). */
  epochs?: number;
  questions: number;
  seed?: number;
  /** Models trained from different initialisations; the best on validation is kept. */
  repeats?: number;
  /** false: no linear start (PE RN). */
  linearStart?: boolean;
  /** The model of the paper's best 10k result (LW_RN_STAR_MODEL: layer-wise tying, d = 100, a ReLU after every hop). */
  lwRnStar?: boolean;
  /** Epochs of linear start before `epochs` (default 20, as the authors' code; 30 with joint). */
  linearStartEpochs?: number;
  /** "sgd" (the paper's, the default) or "adam". */
  optimizer?: "sgd" | "adam";
  /** bAbI files to train and test on instead of the generated task's. */
  trainFile?: string;
  testFile?: string;
  save?: string;
  load?: string;
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** The samples of a file, or of the generated task's split, and the name errors give them. */
async function split(file: string | undefined, task: number | undefined, questions: number, which: "train" | "test"): Promise<{ samples: BabiSample[]; source: string }> {
  if (file !== undefined) return { samples: await readBabi(file), source: file };
  if (task === undefined) throw new UsageError(`babi: give --task N (a generated task) or --${which}-file PATH`);
  return { samples: generatedBabiSplits(task, questions)[which], source: `generated task ${task} (seed ${which === "train" ? 1 : 2})` };
}

/** The per-epoch line printed while training. */
const epochLine: BabiTaskRunOptions["onEpoch"] = (r) => console.log(`  epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(3)}, validation error ${(100 * r.validationError).toFixed(1)}%${r.linear ? " (linear start)" : ""}`);

const describeSchedule = (linearStart: boolean, linearStartEpochs: number, epochs: number, optimizer: string) =>
  `${linearStart ? `${count(linearStartEpochs, "epoch")} of linear start, then ` : ""}${count(epochs, "epoch")} of ${optimizer === "sgd" ? "SGD" : "Adam"}`;

async function saveIfAsked(save: string | undefined, trained: BabiTaskRun): Promise<void> {
  if (save === undefined) return;
  await saveMemN2N(save, trained);
  console.log(`saved the model and its ${trained.vocab.size}-word vocabulary to ${save}`);
}

const modelOptions = ({ lwRnStar = false }: BabiCommandOptions): BabiTaskRunOptions => (lwRnStar ? LW_RN_STAR_MODEL : {});

/** The paper's name of the variant trained: PE LS RN, PE RN, PE LS LW RN* or PE LW RN*. */
const variantName = (options: BabiCommandOptions) => babiVariantName({ linearStart: options.linearStart, ...modelOptions(options) });

const passed = (error: number) => (babiTaskPassed(error) ? "passed" : "not passed");

/** One model on several generated tasks, with the authors' joint configuration (JOINT_BABI_RECIPE), tested on each task. */
async function jointCommand(tasks: number[], options: BabiCommandOptions): Promise<void> {
  const { annealEvery } = JOINT_BABI_RECIPE;
  const { embeddingDim = JOINT_BABI_RECIPE.embeddingDim } = modelOptions(options);
  const { epochs = JOINT_BABI_RECIPE.epochs, questions, seed = 0, repeats = 1, linearStart = true, linearStartEpochs = JOINT_BABI_RECIPE.linearStartEpochs, optimizer = "sgd", save } = options;
  const bad = tasks.find((t) => !(GENERATED_BABI_TASKS as readonly number[]).includes(t));
  if (bad !== undefined) throw new UsageError(`babi: --joint takes generated tasks 1–20, got ${bad}`);
  console.log(`MemN2N ${variantName(options)} joint, d = ${embeddingDim}, on generated tasks ${tasks.join(", ")}: ${questions} training and ${questions} test questions each, ${describeSchedule(linearStart, linearStartEpochs, epochs, optimizer)} halved every ${annealEvery}${repeats > 1 ? `, best of ${repeats} runs` : ""}`);
  const run = runMemN2NJoint(tasks, { epochs, questions, seed, repeats, linearStart, linearStartEpochs, optimizer, onEpoch: epochLine, ...modelOptions(options) });
  console.log(`trained in ${run.seconds.toFixed(0)} s (the weights of the epoch with the lowest validation error kept)`);
  await saveIfAsked(save, run);
  for (const [task, error] of run.taskErrors) console.log(`task ${task}: test error ${(100 * error).toFixed(1)}% (${passed(error)})`);
  const passing = [...run.taskErrors.values()].filter(babiTaskPassed).length;
  console.log(`${passing} of ${tasks.length} tasks passed (≤ 5%); test error over all of them ${(100 * run.testError).toFixed(1)}%`);
  for (const line of run.explanation) console.log(line);
}

export async function babiCommand(options: BabiCommandOptions): Promise<void> {
  const { task, joint, questions, seed, repeats = 1, linearStart = true, optimizer = "sgd", trainFile, testFile, save, load } = options;
  if (joint !== undefined) {
    if (task !== undefined || trainFile !== undefined || testFile !== undefined || load !== undefined) throw new UsageError("babi: --joint trains on generated tasks; it takes no --task, --train-file, --test-file or --load");
    return jointCommand(joint === true ? [...GENERATED_BABI_TASKS] : joint, options);
  }
  const { epochs = 100, linearStartEpochs = 20 } = options;
  const test = await split(testFile, task, questions, "test");
  let run: Omit<BabiTaskRun, "seconds">;
  if (load !== undefined) {
    console.log(`MemN2N from ${load} on ${test.source}: ${test.samples.length} test questions`);
    run = testMemN2N(await loadMemN2N(load), test.samples, test.source, load);
  } else {
    const train = await split(trainFile, task, questions, "train");
    console.log(`MemN2N ${variantName(options)} on ${train.source}: ${train.samples.length} training and ${test.samples.length} test questions, ${describeSchedule(linearStart, linearStartEpochs, epochs, optimizer)}${repeats > 1 ? `, best of ${repeats} runs` : ""}`);
    const trained = runMemN2N(train.samples, test.samples, { epochs, repeats, linearStart, linearStartEpochs, optimizer, seed: seed ?? task ?? 0, onEpoch: epochLine, ...modelOptions(options) });
    console.log(`trained in ${trained.seconds.toFixed(0)} s (the weights of the epoch with the lowest validation error kept)`);
    await saveIfAsked(save, trained);
    run = trained;
  }
  console.log(`test error ${(100 * run.testError).toFixed(1)}% (${passed(run.testError)}: ≤ 5%)`);
  for (const line of run.explanation) console.log(line);
}
