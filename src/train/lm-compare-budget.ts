/**
 * lm-compare's training budget, shared by its neural models: up to `epochs` passes over the
 * training split, stopped at the first update past `minutes` of wall-clock time.
 */
import type { LmCompareProgress } from "./lm-compare.js";

/** Passes on an epoch's updates (minibatches, chunks) while the budget lasts. */
export type WithinBudget = <T>(updates: Iterable<T>) => Iterable<T>;

/** One epoch: train on the updates `within` lets through, and return the mean training loss (nats/token). */
export type BudgetedEpoch = (within: WithinBudget) => Promise<number>;

/**
 * Runs `runEpoch` up to `epochs` times within `minutes` (a later epoch starts only inside the budget;
 * within an epoch, updates after the first stop once it is spent), reporting each epoch to
 * onProgress. Returns the seconds spent and the passes made (fractional when the budget cut one).
 */
export async function trainWithinBudget(
  model: string,
  budget: { epochs: number; minutes: number; updatesPerEpoch: number },
  runEpoch: BudgetedEpoch,
  onProgress?: LmCompareProgress,
): Promise<{ trainSeconds: number; epochs: number }> {
  const started = performance.now();
  const overBudget = () => performance.now() - started >= budget.minutes * 60_000;
  let epochs = 0;
  for (let epoch = 1; epoch <= budget.epochs && !(epoch > 1 && overBudget()); epoch++) {
    let updates = 0;
    const trainLoss = await runEpoch((source) => withinBudget(source, overBudget, () => updates++));
    epochs += updates / budget.updatesPerEpoch;
    onProgress?.({ model, epoch, trainLoss, seconds: (performance.now() - started) / 1000 });
  }
  return { trainSeconds: (performance.now() - started) / 1000, epochs };
}

/** The items of `source` until `overBudget()` says stop (checked before each item after the first). */
function* withinBudget<T>(source: Iterable<T>, overBudget: () => boolean, onYield: () => void): Generator<T> {
  let first = true;
  for (const item of source) {
    if (!first && overBudget()) return;
    first = false;
    onYield();
    yield item;
  }
}
