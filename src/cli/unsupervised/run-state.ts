/**
 * Run directories and checkpointing for the unsupervised commands: after every epoch (or Lloyd iteration) the model's
 * tensors, the optimiser, the settings, the epoch and the random generator, so that `--resume`
 * continues as if the run had not stopped.
 */
import { join } from "node:path";
import { defaultGenerator } from "../../index.js";
import { loadCheckpoint, saveCheckpoint, type StateValue } from "../../io/index.js";
import type { Tensor } from "../../tensor/index.js";
import { JsonlLog } from "../../train/index.js";
import { definedOnly, prepareRunDir } from "../run-dir.js";

interface RunExtra<S> {
  kind: string;
  settings: S;
  epoch: number;
  generator: number[];
}

export interface SavedRun<S> {
  model: Record<string, Tensor>;
  optimizer?: StateValue;
  settings: S;
  epoch: number;
}

/** A saved run with the random generator's state at the end of its last epoch. */
export interface ResumedRun<S> extends SavedRun<S> {
  /** Put the generator back where the run left it: call after building the model, whose initialisation draws from it. */
  restoreGenerator(): void;
}

export async function saveRun<S>(checkpointDir: string, kind: string, run: SavedRun<S>): Promise<void> {
  const extra: RunExtra<S> = { kind, settings: run.settings, epoch: run.epoch, generator: defaultGenerator.getState() };
  await saveCheckpoint(checkpointDir, { model: run.model, optimizer: run.optimizer, extra: extra as unknown as StateValue });
}

/**
 * The run saved in checkpointDir, which must be of `kind`. The
 * saved settings win over the ones given now (the model's shape depends on them), except epochs,
 * so a finished run can be continued for more.
 */
export async function resumeRun<S extends { epochs: number }>(checkpointDir: string, kind: string, given: Partial<S>): Promise<ResumedRun<S>> {
  const checkpoint = await loadCheckpoint(checkpointDir);
  const extra = checkpoint.extra as unknown as RunExtra<S> | undefined;
  if (extra?.kind !== kind) throw new Error(`--resume: ${checkpointDir} holds a ${extra?.kind ?? "different"} run, not a ${kind} run; pass another --out`);
  const settings = { ...extra.settings, epochs: given.epochs ?? extra.settings.epochs };
  const restoreGenerator = () => defaultGenerator.setState(extra.generator);
  return { model: checkpoint.model, optimizer: checkpoint.optimizer, settings, epoch: extra.epoch, restoreGenerator };
}

export interface RunStart<S> {
  runDir: string;
  checkpointDir: string;
  logFile: string;
  log: JsonlLog;
  settings: S;
  /** The run being resumed, or null for a fresh one. */
  saved: ResumedRun<S> | null;
}

/** The run directory (default runs/<kind>), its settings (defaults under the options given, or the saved ones on --resume) and its log. */
export async function startRun<S extends { epochs: number }>(kind: string, defaults: S, options: Partial<S> & { out?: string; resume?: boolean }): Promise<RunStart<S>> {
  const { out, resume, ...given } = options;
  const runDir = out ?? join("runs", kind);
  const { checkpointDir, logFile } = prepareRunDir(runDir, resume);
  const saved = resume ? await resumeRun<S>(checkpointDir, kind, given as Partial<S>) : null;
  const settings = saved?.settings ?? { ...defaults, ...definedOnly(given) };
  return { runDir, checkpointDir, logFile, log: new JsonlLog(logFile), settings, saved };
}
