/** `strata babi --task N`: trains an end-to-end memory network on a generated bAbI task and reports its test error and attention. */
import { runMemN2NOnTask } from "../models/index.js";

export interface BabiCommandOptions {
  task: number;
  epochs: number;
  questions: number;
  seed?: number;
}

export function babiCommand({ task, epochs, questions, seed }: BabiCommandOptions): void {
  console.log(`MemN2N PE LS RN on generated bAbI task ${task}: ${questions} training and ${questions} test questions, ${epochs} epochs`);
  const run = runMemN2NOnTask(task, {
    epochs,
    questions,
    seed,
    onEpoch: (r) => console.log(`  epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(3)}, validation error ${(100 * r.validationError).toFixed(1)}%${r.linear ? " (linear start)" : ""}`),
  });
  console.log(`test error ${(100 * run.testError).toFixed(1)}% (${run.testError <= 0.05 ? "passed" : "not passed"}: ≤ 5%) in ${run.seconds.toFixed(0)} s`);
  for (const line of run.explanation) console.log(line);
}
