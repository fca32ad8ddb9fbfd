/**
 * The training loop as a library: epochs of forward, loss, backward and update, with a progress bar,
 * per-epoch validation, a JSON-lines log, atomic checkpoints after every epoch, resume, gradient
 * clipping and early stopping. Everything a run needs to continue bit for bit (weights, optimiser
 * and scheduler state, the random generator, the epoch count, the history) goes into the checkpoint.
 */
import { existsSync, join } from "#platform/files.js";
import { defaultGenerator, isAnomalyEnabled, nextTurn, setDetectAnomaly, type nn } from "../index.js";
import { loadCheckpoint, saveCheckpoint, type StateValue } from "../io/index.js";
import { evaluate } from "./evaluate.js";
import { guardedStep } from "./guarded-step.js";
import { JsonlLog } from "./log.js";
import { topKCorrect } from "./metrics.js";
import { epochProgress } from "#platform/progress.js";
import type { Batch, Classifier, LossFn } from "./types.js";

interface Stateful<S> {
  stateDict(): S;
  loadStateDict(state: S): void;
}

/** Any nn.Module whose forward takes one tensor. */
export type TrainableModel = Classifier & Pick<nn.Module, "parameters" | "stateDict" | "loadStateDict">;

export interface FitOptimizer extends Stateful<any> {
  zeroGrad(): void;
  step(): void;
  paramGroups: { lr: number }[];
}

/** A learning-rate schedule; stepped per epoch, ReduceLROnPlateau-style ones read the metric. */
export interface EpochScheduler extends Stateful<any> {
  step(metric?: number): void;
}

export interface TrainLoader extends Iterable<Batch> {
  readonly length: number;
  /** Fix the shuffle order of an epoch so a resumed run sees the same batches. */
  setEpoch?(epoch: number): void;
}

export interface EarlyStopping {
  /** Epochs without improvement of the validation loss before stopping. */
  patience: number;
  minDelta?: number;
}

export interface FitOptions {
  model: TrainableModel;
  optimizer: FitOptimizer;
  loss: LossFn;
  train: TrainLoader;
  validation?: Iterable<Batch>;
  /** The loss reported on the validation set, if not the training loss (e.g. without label smoothing). */
  validationLoss?: LossFn;
  epochs: number;
  scheduler?: EpochScheduler;
  /** Step the scheduler after every epoch (default; it receives the validation loss) or every batch. */
  schedulerInterval?: "epoch" | "batch";
  /** Clip the gradient's global L2 norm to this before each update. */
  clipGradNorm?: number;
  /**
   * Check every op's output and gradient for NaN and infinities, naming the first op that makes one
   * (slow: for hunting a NaN that stopped a run). A non-finite loss or gradient stops fit() either way.
   */
  detectAnomaly?: boolean;
  /** Save a checkpoint here after every epoch (atomically). */
  checkpointDir?: string;
  /** Called after each checkpoint is saved (awaited): what it supersedes can then go. */
  onCheckpoint?: (epoch: number) => void | Promise<void>;
  /** Continue from the checkpoint in checkpointDir if there is one. */
  resume?: boolean;
  /** Append one JSON line per epoch to this file. */
  logFile?: string;
  earlyStopping?: EarlyStopping;
  /** Show a progress bar on a terminal (default true; a browser has none: use onBatchEnd). */
  progress?: boolean;
  /** Where epoch summaries go (default console.log); pass () => {} for silence. */
  print?: (line: string) => void;
  /** Saved in the checkpoint, so a run can be rebuilt from it. */
  config?: Record<string, unknown>;
  /** Called after each epoch's log line (awaited when it returns a promise: saving a file, say). */
  onEpochEnd?: (record: EpochRecord) => void | Promise<void>;
  /** Called after every update (awaited): progress a page can show, a live loss chart. */
  onBatchEnd?: (record: BatchRecord) => void | Promise<void>;
}

export interface BatchRecord {
  epoch: number;
  /** 1-based, within the epoch. */
  batch: number;
  batches: number;
  /** This batch's loss. */
  loss: number;
  /** This batch's accuracy, when the model classifies (output [N, C], integer targets [N]). */
  accuracy?: number;
  /** Training samples per second since the epoch began. */
  samplesPerSecond: number;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  /** Undefined when the model does not classify (outputs [N, C] with integer targets [N]). */
  trainAccuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  /** The learning rate of the first parameter group as the epoch began. */
  lr: number;
  seconds: number;
  samplesPerSecond: number;
}

export interface FitResult {
  history: EpochRecord[];
  /** Why training ended. */
  stoppedBy: "epochs" | "earlyStopping";
}

interface LoopState {
  epoch: number;
  /** The log's length when the checkpoint was saved (see JsonlLog.bytes). */
  logBytes?: number;
  history: EpochRecord[];
  bestValLoss: number;
  epochsWithoutImprovement: number;
}

export async function fit(options: FitOptions): Promise<FitResult> {
  if (!options.detectAnomaly) return fitLoop(options);
  const previous = isAnomalyEnabled();
  setDetectAnomaly(true);
  try {
    return await fitLoop(options);
  } finally {
    setDetectAnomaly(previous);
  }
}

async function fitLoop(options: FitOptions): Promise<FitResult> {
  const { model, optimizer, loss, train, epochs, print = console.log } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`fit: epochs must be a non-negative integer, got ${epochs}`);
  if (options.resume && !options.checkpointDir) throw new Error("fit: resume needs checkpointDir");
  const log = options.logFile ? new JsonlLog(options.logFile) : null;
  const state: LoopState = { epoch: 0, history: [], bestValLoss: Infinity, epochsWithoutImprovement: 0 };

  if (options.resume && options.checkpointDir && existsSync(join(options.checkpointDir, "checkpoint.json"))) {
    Object.assign(state, await restore(options));
    // a crash between logging an epoch and saving it left a line the checkpoint does not have
    if (log && state.logBytes !== undefined) log.truncate(state.logBytes);
    print(`resumed from ${options.checkpointDir} after epoch ${state.epoch}`);
  }

  for (let epoch = state.epoch + 1; epoch <= epochs; epoch++) {
    const record = await runEpoch(options, epoch);
    state.history.push(record);
    state.epoch = epoch;
    log?.append({ ...record });
    print(describe(record, epochs));
    await options.onEpochEnd?.(record);
    if (options.schedulerInterval !== "batch") options.scheduler?.step(record.valLoss ?? record.trainLoss);

    let stop = false;
    if (options.earlyStopping && record.valLoss !== undefined) {
      if (record.valLoss < state.bestValLoss - (options.earlyStopping.minDelta ?? 0)) {
        state.bestValLoss = record.valLoss;
        state.epochsWithoutImprovement = 0;
      } else if (++state.epochsWithoutImprovement >= options.earlyStopping.patience) stop = true;
    }
    state.logBytes = log?.bytes();
    if (options.checkpointDir) {
      await save(options, state);
      await options.onCheckpoint?.(epoch);
    }
    if (stop) {
      print(`early stopping: validation loss has not improved for ${state.epochsWithoutImprovement} epochs`);
      return { history: state.history, stoppedBy: "earlyStopping" };
    }
  }
  return { history: state.history, stoppedBy: "epochs" };
}

async function runEpoch(options: FitOptions, epoch: number): Promise<EpochRecord> {
  const { model, optimizer, loss, train } = options;
  train.setEpoch?.(epoch);
  model.train();
  const lr = optimizer.paramGroups[0]?.lr ?? NaN;
  const progress = options.progress === false ? null : epochProgress(`epoch ${epoch}/${options.epochs}`, train.length);
  const start = performance.now();
  let lossSum = 0;
  let correct = 0;
  let classified = false;
  let samples = 0;
  let batchIndex = 0;
  for (const { x, y } of train) {
    const output = model.forward(x);
    const value = guardedStep(loss(output, y), {
      optimizer,
      model,
      inputs: [x, y],
      clipGradNorm: options.clipGradNorm,
      where: `fit: epoch ${epoch}, batch ${batchIndex + 1}`,
    });
    if (options.schedulerInterval === "batch") options.scheduler?.step();
    const n = y.shape[0];
    lossSum += value * n;
    const batchCorrect = output.ndim === 2 && y.dtype === "int32" && y.ndim === 1 ? topKCorrect(output.detach(), y, 1) : undefined;
    correct += batchCorrect ?? 0;
    classified ||= batchCorrect !== undefined;
    samples += n;
    batchIndex++;
    progress?.update(batchIndex, lossSum / samples);
    await options.onBatchEnd?.({
      epoch,
      batch: batchIndex,
      batches: train.length,
      loss: value,
      accuracy: batchCorrect === undefined ? undefined : batchCorrect / n,
      samplesPerSecond: samples / ((performance.now() - start) / 1000),
    });
    // lets the memory of this step's tensors go back to the backend (see backend/turn.ts)
    await nextTurn();
  }
  progress?.stop();
  if (samples === 0) throw new Error(`fit: the training loader gave no batches in epoch ${epoch} (an empty dataset, or a loader that was already used up)`);
  const seconds = (performance.now() - start) / 1000;
  const record: EpochRecord = {
    epoch,
    trainLoss: lossSum / Math.max(samples, 1),
    trainAccuracy: classified ? correct / Math.max(samples, 1) : undefined,
    lr,
    seconds,
    samplesPerSecond: samples / seconds,
  };
  if (options.validation) {
    const v = evaluate(model, options.validation, { loss: options.validationLoss ?? loss });
    if (v.samples === 0) throw new Error("fit: the validation loader gave no batches; leave `validation` out to train without one");
    record.valLoss = v.loss;
    record.valAccuracy = v.accuracy;
  }
  return record;
}

function describe(r: EpochRecord, epochs: number): string {
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const parts = [
    `epoch ${r.epoch}/${epochs}`,
    // accuracy only for a classifier (outputs [N, C], integer targets), not for a regression such as a denoiser
    `train loss ${r.trainLoss.toFixed(4)}${r.trainAccuracy === undefined ? "" : ` acc ${pct(r.trainAccuracy)}`}`,
    r.valLoss !== undefined ? `val loss ${r.valLoss.toFixed(4)}${r.trainAccuracy === undefined ? "" : ` acc ${pct(r.valAccuracy!)}`}` : "",
    `lr ${r.lr.toPrecision(3)}`,
    `${r.seconds.toFixed(1)}s (${Math.round(r.samplesPerSecond)} samples/s)`,
  ];
  return parts.filter(Boolean).join("  ");
}

async function save(options: FitOptions, state: LoopState): Promise<void> {
  await saveCheckpoint(options.checkpointDir!, {
    model: options.model.stateDict(),
    optimizer: options.optimizer.stateDict(),
    // plain data throughout; the cast only tells TypeScript that interfaces like EpochRecord are JSON-shaped
    extra: {
      loop: { ...state },
      scheduler: options.scheduler?.stateDict() ?? null,
      generator: defaultGenerator.getState(),
      config: options.config ?? null,
    } as unknown as StateValue,
  });
}

async function restore(options: FitOptions): Promise<LoopState> {
  const checkpoint = await loadCheckpoint(options.checkpointDir!);
  const extra = checkpoint.extra as unknown as { loop: LoopState; scheduler: unknown; generator: number[] };
  options.model.loadStateDict(checkpoint.model);
  if (checkpoint.optimizer) options.optimizer.loadStateDict(checkpoint.optimizer);
  if (options.scheduler && extra.scheduler) options.scheduler.loadStateDict(extra.scheduler);
  defaultGenerator.setState(extra.generator);
  return extra.loop;
}
