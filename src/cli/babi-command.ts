/**
 * `strata babi --task N`: trains an end-to-end memory network on a generated bAbI task (or on bAbI
 * files) and reports its test error and attention; `--save` keeps the model with its vocabulary,
 * `--load` tests a saved one instead of training.
 */
import { readBabi, type BabiSample } from "../data/index.js";
import { UsageError } from "./options.js";
import { generatedBabiSplits, loadMemN2N, runMemN2N, saveMemN2N, testMemN2N, type BabiTaskRun } from "../models/index.js";

export interface BabiCommandOptions {
  task?: number;
  epochs: number;
  questions: number;
  seed?: number;
  /** Models trained from different initialisations; the best on validation is kept. */
  repeats?: number;
  /** false: no linear start (PE RN). */
  linearStart?: boolean;
  /** Epochs of linear start before `epochs` (default 20, as the authors' code). */
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

export async function babiCommand(options: BabiCommandOptions): Promise<void> {
  const { task, epochs, questions, seed, repeats = 1, linearStart = true, linearStartEpochs = 20, optimizer = "sgd", trainFile, testFile, save, load } = options;
  const test = await split(testFile, task, questions, "test");
  let run: Omit<BabiTaskRun, "seconds">;
  if (load !== undefined) {
    console.log(`MemN2N from ${load} on ${test.source}: ${test.samples.length} test questions`);
    run = testMemN2N(await loadMemN2N(load), test.samples, test.source, load);
  } else {
    const train = await split(trainFile, task, questions, "train");
    const schedule = `${linearStart ? `${count(linearStartEpochs, "epoch")} of linear start, then ` : ""}${count(epochs, "epoch")} of ${optimizer === "sgd" ? "SGD" : "Adam"}`;
    console.log(`MemN2N ${linearStart ? "PE LS RN" : "PE RN"} on ${train.source}: ${train.samples.length} training and ${test.samples.length} test questions, ${schedule}${repeats > 1 ? `, best of ${repeats} runs` : ""}`);
    const trained = runMemN2N(train.samples, test.samples, {
      epochs,
      repeats,
      linearStart,
      linearStartEpochs,
      optimizer,
      seed: seed ?? task ?? 0,
      onEpoch: (r) => console.log(`  epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(3)}, validation error ${(100 * r.validationError).toFixed(1)}%${r.linear ? " (linear start)" : ""}`),
    });
    console.log(`trained in ${trained.seconds.toFixed(0)} s (the weights of the epoch with the lowest validation error kept)`);
    if (save !== undefined) {
      await saveMemN2N(save, trained);
      console.log(`saved the model and its ${trained.vocab.size}-word vocabulary to ${save}`);
    }
    run = trained;
  }
  console.log(`test error ${(100 * run.testError).toFixed(1)}% (${run.testError <= 0.05 ? "passed" : "not passed"}: ≤ 5%)`);
  for (const line of run.explanation) console.log(line);
}
