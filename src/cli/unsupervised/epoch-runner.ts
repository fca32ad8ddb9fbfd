/**
 * The loop the sparse-coding, PSD and LISTA commands share: an epoch at a time with its figures
 * printed and appended to log.jsonl, a checkpoint after each (model, optimiser, batch generator and
 * the tensors the model is built on; see training-run.ts), and pictures refreshed.
 */
import type { Module } from "../../nn/index.js";
import type { Optimizer } from "../../optim/index.js";
import type { Generator, Tensor } from "../../tensor/index.js";
import type { TrainingRun } from "../training-run.js";

export interface EpochRun<S extends { epochs: number }> {
  /** The run, started (its directory taken) by the command once its inputs were checked. */
  run: TrainingRun<S>;
  model: Module;
  optimizer: Optimizer;
  /** The generator batches are drawn from; its state is checkpointed. */
  generator: Generator;
  /** Tensors the model is built on but does not own (e.g. LISTA's dictionary), checkpointed beside it. */
  fixed?: Record<string, Tensor>;
  /** Called once after a resume restored the checkpoint, with the fixed tensors it held. */
  restored?: (fixed: Record<string, Tensor>) => void;
  /** One epoch of training: the figures to print and log. */
  epoch: (epoch: number) => Record<string, number>;
  /** After each epoch's checkpoint: write pictures. */
  afterEpoch?: () => Promise<void>;
}

export async function runEpochs<S extends { epochs: number }>({ run, model, optimizer, generator, fixed = {}, restored, epoch: trainEpoch, afterEpoch }: EpochRun<S>): Promise<void> {
  if (run.resumed) {
    restored?.(run.resumed.record.fixed as Record<string, Tensor>);
    run.restore({ model, optimizer, generator });
  }
  for (let epoch = run.firstEpoch; epoch <= run.settings.epochs; epoch++) {
    const start = performance.now();
    const figures = trainEpoch(epoch);
    const seconds = (performance.now() - start) / 1000;
    const shown = Object.entries(figures).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(4)}`);
    console.log(`epoch ${epoch}/${run.settings.epochs}  ${shown.join("  ")}  ${seconds.toFixed(1)}s`);
    if (figures.activeFraction === 0) {
      console.warn("  no code unit was active this epoch: the sparsity weight is so large that every code is zero, so the dictionary cannot learn (and errors relative to the codes are infinite); lower --lambda");
    }
    run.log.append({ epoch, ...figures, seconds });
    await run.save(epoch, { model, optimizer, generator, extra: { fixed } });
    await afterEpoch?.();
  }
  console.log(`checkpoint: ${run.checkpointDir}  log: ${run.logFile}`);
}
