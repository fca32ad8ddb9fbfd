/**
 * The loop every unsupervised training command shares: a run directory, an epoch at a time with
 * its figures printed and appended to log.jsonl, an atomic checkpoint after each epoch (model,
 * optimiser, RNG and settings), pictures refreshed, and --resume carrying on from the last epoch.
 */
import { loadCheckpoint, saveCheckpoint, type StateValue } from "../../io/index.js";
import type { Module } from "../../nn/index.js";
import type { Optimizer } from "../../optim/index.js";
import type { Generator, Tensor } from "../../tensor/index.js";
import { JsonlLog } from "../../train/index.js";
import { join } from "node:path";
import { definedOnly, prepareRunDir } from "../run-dir.js";

/** What a training command takes: its settings (any left out take the defaults), where to write, whether to resume. */
export type CommandOptions<S> = Partial<S> & { out?: string; resume?: boolean };

/** The settings a command runs with (defaults overlaid with what was given) and its run directory (default runs/<name>). */
export function commandSettings<S extends object>(options: CommandOptions<S>, defaults: S, name: string): { settings: S; runDir: string; resume?: boolean } {
  const { out, resume, ...given } = options;
  return { settings: { ...defaults, ...definedOnly(given) } as S, runDir: out ?? join("runs", name), resume };
}

export interface EpochRun<S extends { epochs: number }> {
  /** The command's name, kept in the checkpoint so that a resume of another kind of run fails clearly. */
  kind: string;
  runDir: string;
  resume?: boolean;
  settings: S;
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

interface RunExtra {
  kind: string;
  epoch: number;
  settings: Record<string, unknown>;
  generator: number[];
  fixed: Record<string, Tensor>;
}

/** Settings that decide what is being trained: all but the number of epochs. */
const shapeOf = (settings: object) => JSON.stringify({ ...settings, epochs: undefined });

export async function runEpochs<S extends { epochs: number }>(run: EpochRun<S>): Promise<void> {
  const { checkpointDir, logFile } = prepareRunDir(run.runDir, run.resume);
  let firstEpoch = 1;
  if (run.resume) {
    const checkpoint = await loadCheckpoint(checkpointDir);
    const extra = checkpoint.extra as unknown as RunExtra;
    if (extra?.kind !== run.kind) throw new Error(`--resume: ${checkpointDir} holds a ${extra?.kind ?? "different"} run, not ${run.kind}`);
    if (shapeOf(extra.settings) !== shapeOf(run.settings)) {
      throw new Error(`--resume: the settings differ from the checkpoint's (${shapeOf(extra.settings)}); only --epochs may change`);
    }
    run.restored?.(extra.fixed);
    run.model.loadStateDict(checkpoint.model);
    run.optimizer.loadStateDict(checkpoint.optimizer as never);
    run.generator.setState(extra.generator);
    firstEpoch = extra.epoch + 1;
  }
  const log = new JsonlLog(logFile);
  for (let epoch = firstEpoch; epoch <= run.settings.epochs; epoch++) {
    const start = performance.now();
    const figures = run.epoch(epoch);
    const seconds = (performance.now() - start) / 1000;
    const shown = Object.entries(figures).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(4)}`);
    console.log(`epoch ${epoch}/${run.settings.epochs}  ${shown.join("  ")}  ${seconds.toFixed(1)}s`);
    log.append({ epoch, ...figures, seconds });
    const extra: RunExtra = { kind: run.kind, epoch, settings: run.settings, generator: run.generator.getState(), fixed: run.fixed ?? {} };
    await saveCheckpoint(checkpointDir, {
      model: Object.fromEntries(run.model.stateDict()),
      optimizer: run.optimizer.stateDict() as unknown as StateValue,
      extra: extra as unknown as StateValue,
    });
    await run.afterEpoch?.();
  }
  console.log(`checkpoint: ${checkpointDir}  log: ${logFile}`);
}
