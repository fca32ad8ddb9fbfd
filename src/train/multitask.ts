/**
 * Training a multi-task net by its joint loss (one optimiser step a batch, every task's targets
 * for the same images), and its accuracy on each task.
 */
import { nextTurn } from "../backend/turn.js";
import { noGrad } from "../autograd/index.js";
import type { MultiTask } from "../models/multitask.js";
import { withEvalMode } from "../nn/index.js";
import type { Optimizer } from "../optim/index.js";
import { tensor } from "../ops/index.js";
import { Generator, type Tensor } from "../tensor/index.js";
import { guardedStep } from "./guarded-step.js";
import { topKCorrect } from "./metrics.js";

export interface MultiTaskTrainingOptions {
  optimizer: Optimizer;
  epochs: number;
  batchSize?: number;
  /** Seeds the order of the images, drawn afresh each epoch. */
  seed?: number;
  /** Called after each epoch with its mean joint loss and each task's mean loss. */
  onEpoch?: (epoch: number, loss: number, taskLosses: Record<string, number>) => void;
}

function checkTargets(who: string, model: MultiTask, x: Tensor, targets: Record<string, Tensor>): void {
  for (const name of model.tasks) {
    const y = targets[name];
    if (!y) throw new TypeError(`${who}: no targets for task "${name}" (the model's tasks are ${model.tasks.join(", ")})`);
    if (y.shape[0] !== x.shape[0]) throw new RangeError(`${who}: ${x.shape[0]} images but ${y.shape[0]} targets for task "${name}"`);
  }
}

/** Trains model on images x with a target tensor per task (first axis: one per image); returns each epoch's mean joint loss. */
export async function trainMultiTask(model: MultiTask, x: Tensor, targets: Record<string, Tensor>, options: MultiTaskTrainingOptions): Promise<number[]> {
  const { optimizer, epochs, batchSize = 64, seed = 0, onEpoch } = options;
  checkTargets("trainMultiTask", model, x, targets);
  const generator = new Generator(seed);
  const n = x.shape[0];
  model.train();
  const losses: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = generator.permutation(n);
    let total = 0;
    const taskTotals: Record<string, number> = Object.fromEntries(model.tasks.map((t) => [t, 0]));
    for (let start = 0; start < n; start += batchSize) {
      const rows = tensor(order.subarray(start, Math.min(start + batchSize, n)), { dtype: "int32" });
      const batchTargets = Object.fromEntries(model.tasks.map((t) => [t, targets[t].indexSelect(0, rows)]));
      const { total: loss, losses: parts } = model.jointLoss(model.forwardAll(x.indexSelect(0, rows)), batchTargets);
      for (const t of model.tasks) taskTotals[t] += parts[t].itemSync() * rows.size;
      total += guardedStep(loss, { optimizer, model, where: `trainMultiTask: epoch ${epoch}, images ${start}–${start + rows.size}` }) * rows.size;
      await nextTurn();
    }
    losses.push(total / n);
    onEpoch?.(epoch, total / n, Object.fromEntries(model.tasks.map((t) => [t, taskTotals[t] / n])));
  }
  return losses;
}

/** The fraction of images each task's head classifies right (argmax against int32 class targets), in evaluation mode. */
export function multiTaskAccuracy(model: MultiTask, x: Tensor, targets: Record<string, Tensor>, { batchSize = 500 }: { batchSize?: number } = {}): Record<string, number> {
  checkTargets("multiTaskAccuracy", model, x, targets);
  const right: Record<string, number> = Object.fromEntries(model.tasks.map((t) => [t, 0]));
  withEvalMode(model, () => noGrad(() => {
    for (let start = 0; start < x.shape[0]; start += batchSize) {
      const size = Math.min(batchSize, x.shape[0] - start);
      const outputs = model.forwardAll(x.narrow(0, start, size));
      for (const t of model.tasks) right[t] += topKCorrect(outputs[t], targets[t].narrow(0, start, size), 1);
    }
  }));
  return Object.fromEntries(model.tasks.map((t) => [t, right[t] / x.shape[0]]));
}
