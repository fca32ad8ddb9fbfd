/**
 * Dictionary learning by alternation (Olshausen & Field 1996; Mairal et al. 2009 in minibatches):
 * infer the codes of a batch with the dictionary fixed, then take one optimiser step on the atoms
 * with the codes fixed (the gradient of the mean energy, by autograd), and put the atoms back on
 * the unit sphere — without that, the atoms would grow and the codes shrink, and λ‖Z‖₁ would
 * stop meaning anything.
 */
import { randperm } from "../../ops/index.js";
import type { Optimizer } from "../../optim/index.js";
import { Generator, type Tensor } from "../../tensor/index.js";
import { activeFraction, type InferOptions, type SparseCoder } from "./sparse-coder.js";
import { guardedStep } from "../../train/guarded-step.js";

export interface LearningStepResult extends Record<string, number> {
  /** Mean energy of the batch at the inferred codes, before the dictionary step. */
  energy: number;
  /** Fraction of code units that are active (see activeFraction). */
  activeFraction: number;
}

/** One alternation on the batch y: codes by `inference` (default: 100 FISTA steps), then an optimiser step on the atoms. */
export function dictionaryStep(coder: SparseCoder, y: Tensor, optimizer: Optimizer, inference: InferOptions = { iterations: 100 }): LearningStepResult {
  const codes = coder.infer(y, inference);
  const energy = guardedStep(coder.energy(y, codes).mean(), { optimizer, model: coder, inputs: [y], where: "dictionaryStep" });
  coder.normalizeAtoms_();
  return { energy, activeFraction: activeFraction(codes) };
}

export interface EpochOptions {
  batchSize: number;
  /** Order of the batches (default: a fresh seeded generator). */
  generator?: Generator;
}

/**
 * The samples of `data` (tensors with the same number of rows, taken together) in shuffled batches
 * of `batchSize` (the last one smaller), each handed to `step`; returns the sample-weighted means
 * of the numbers `step` returns.
 */
export function forEachBatch<R extends Record<string, number>>(data: readonly Tensor[], { batchSize, generator = new Generator(0) }: EpochOptions, step: (...batch: Tensor[]) => R): R {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const n = data[0].shape[0];
  const order = randperm(n, { generator });
  const totals: Record<string, number> = {};
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const rows = order.narrow(0, start, size);
    const result = step(...data.map((t) => t.indexSelect(0, rows)));
    for (const [key, value] of Object.entries(result)) totals[key] = (totals[key] ?? 0) + value * size;
  }
  return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v / n])) as R;
}
