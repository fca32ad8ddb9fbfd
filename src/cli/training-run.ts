/**
 * A training command's run, the same for every one (the classifier recipes, char-rnn, the
 * unsupervised models): its directory, the settings in force (resume-rule.ts), and its checkpoints.
 * Opening a run reads and checks but writes nothing; the command then checks the rest of its inputs
 * (data, model) and calls start(), which is the first write.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { defaultGenerator, nn, type Generator, type Tensor } from "../index.js";
import { loadCheckpoint, saveCheckpoint, type Checkpoint, type StateValue } from "../io/index.js";
import { JsonlLog } from "../train/index.js";
import { UsageError } from "./options.js";
import { resumedSettings } from "./resume-rule.js";
import { checkRunDir, takeRunDir } from "./run-dir.js";
import { definedOnly } from "../train/defined-only.js";

export interface RunSpec<S> {
  /** The kind of run, kept in its checkpoint: resuming another kind is refused. */
  kind: string;
  defaults: S;
  /** The setting that counts epochs, the one a resumed run may change (default "epochs"), and what it counts (default "epoch"). */
  epochs?: keyof S & string;
  unit?: string;
  /** The folder under runs/ when --out is not given (default: the kind). */
  dir?: string;
}

export interface RunFlags {
  out?: string;
  resume?: boolean;
  /** Delete the earlier run in the directory once this one has saved its first checkpoint (instead of keeping it aside). */
  overwrite?: boolean;
}

/** What a training command takes: its settings (left out: the defaults, or on --resume the run's), the run flags, and whether to draw progress bars. */
export type CommandOptions<S> = Partial<S> & RunFlags & { progress?: boolean };

/** What a checkpoint says of its run: fit() keeps the command's record in extra.config and its epoch in extra.loop; the other loops keep theirs at the top of extra. */
interface RunRecord {
  kind?: string;
  settings?: Record<string, unknown>;
  epoch?: number;
  /** The state of the random generator after the last epoch. */
  generator?: number[];
  /** The log's length when the checkpoint was saved (see JsonlLog.bytes). */
  logBytes?: number;
  [field: string]: unknown;
}

function recordOf(checkpoint: Checkpoint): RunRecord {
  const extra = (checkpoint.extra ?? {}) as RunRecord & { config?: RunRecord & { recipe?: string }; loop?: { epoch: number } };
  // classifier runs before this record had a kind name their recipe
  if (extra.config) return { ...extra.config, kind: extra.config.kind ?? extra.config.recipe, epoch: extra.loop?.epoch };
  return extra;
}

/** What a resumed run was saved with. */
export interface Resumed {
  checkpoint: Checkpoint;
  record: RunRecord;
  /** Epochs the run has trained. */
  epoch: number;
}

/** The parts of a checkpoint a command's own loop saves (fit() saves its own). */
export interface RunState {
  model: nn.Module | Record<string, Tensor>;
  optimizer?: { stateDict(): unknown };
  /** The generator whose state is saved (default: the global one). */
  generator?: Generator;
  /** The command's own fields (tensors allowed). */
  extra?: Record<string, unknown>;
}

export class TrainingRun<S extends object> {
  readonly checkpointDir: string;
  readonly logFile: string;
  /** What to call once this run has saved a checkpoint (takeRunDir's). */
  private checkpointed = () => {};
  private logger: JsonlLog | null = null;

  private constructor(
    readonly spec: RunSpec<S>,
    readonly runDir: string,
    readonly settings: S,
    readonly resumed: Resumed | null,
    private readonly changed: string | null,
    private readonly overwrite: boolean,
  ) {
    this.checkpointDir = join(runDir, "checkpoint");
    this.logFile = join(runDir, "log.jsonl");
  }

  /** The run of `spec` that the options name, with its settings: on --resume, the saved ones (see resume-rule.ts). */
  static async open<S extends object>(spec: RunSpec<S>, options: CommandOptions<S>): Promise<TrainingRun<S>> {
    // progress is how the run is shown, not what it is
    const { out, resume, overwrite, progress, ...given } = options;
    if (resume && overwrite) throw new UsageError("--resume continues the run and --overwrite replaces it: give one of them");
    const runDir = out ?? join("runs", spec.dir ?? spec.kind);
    checkRunDir(runDir);
    const defined = definedOnly(given) as Partial<S>;
    if (!resume) return new TrainingRun(spec, runDir, { ...spec.defaults, ...defined }, null, null, overwrite ?? false);
    const checkpointDir = join(runDir, "checkpoint");
    if (!existsSync(join(checkpointDir, "checkpoint.json"))) throw new Error(`--resume: no checkpoint in ${checkpointDir} (train once without --resume first, or pass --out)`);
    const checkpoint = await loadCheckpoint(checkpointDir);
    const record = recordOf(checkpoint);
    if (record.kind !== spec.kind) throw new Error(`--resume: the run in ${runDir} is ${record.kind ? `\`strata train ${record.kind}\`'s` : "another command's"}, not ${spec.kind}'s; pass another --out`);
    const epoch = record.epoch ?? 0;
    const epochs = spec.epochs ?? ("epochs" as keyof S & string);
    const { settings, changed } = resumedSettings({ runDir, defaults: spec.defaults, saved: (record.settings ?? {}) as Partial<S>, given: defined, epochs, done: epoch });
    return new TrainingRun(spec, runDir, settings, { checkpoint, record, epoch }, changed, false);
  }

  /** The first epoch this invocation trains. */
  get firstEpoch(): number {
    return (this.resumed?.epoch ?? 0) + 1;
  }

  /**
   * Takes the directory, once every input has been checked: a fresh run moves an earlier run's
   * files aside (print says where); a resumed one says where it resumes and what changed.
   */
  start(print: (line: string) => void = console.log): void {
    if (this.resumed) {
      const total = this.settings[this.spec.epochs ?? ("epochs" as keyof S)];
      const unit = this.spec.unit ?? "epoch";
      const where = this.resumed.epoch >= (total as number) ? `nothing left to train after ${unit} ${this.resumed.epoch} of ${total}` : `at ${unit} ${this.firstEpoch} of ${total}`;
      print(`resuming ${this.runDir}: ${where}${this.changed ? ` (${this.changed})` : ""}`);
      // a crash between logging an epoch and saving it left a line the checkpoint does not have
      const { logBytes } = this.resumed.record;
      if (typeof logBytes === "number") this.log.truncate(logBytes);
      return;
    }
    this.checkpointed = takeRunDir(this.runDir, { overwrite: this.overwrite, print });
  }

  /** The run's log.jsonl, for commands with their own loop. */
  get log(): JsonlLog {
    return (this.logger ??= new JsonlLog(this.logFile));
  }

  /** Call after every checkpoint: with --overwrite, the first one deletes the earlier run. */
  checkpointSaved(): void {
    this.checkpointed();
    this.checkpointed = () => {};
  }

  /** Saves the state after `epoch` (of the epochs setting) with the run's kind and settings, so that --resume can continue it. */
  async save(epoch: number, { model, optimizer, generator = defaultGenerator, extra = {} }: RunState): Promise<void> {
    const record: RunRecord = { ...extra, kind: this.spec.kind, settings: this.settings as Record<string, unknown>, epoch, generator: generator.getState(), logBytes: this.logger?.bytes() };
    const weights = model instanceof nn.Module ? model.stateDict() : model;
    await saveCheckpoint(this.checkpointDir, { model: weights, optimizer: optimizer?.stateDict() as StateValue | undefined, extra: record as unknown as StateValue });
    this.checkpointSaved();
  }

  /** On resume: loads the saved weights, optimiser state and generator state into these. */
  restore({ model, optimizer, generator = defaultGenerator }: { model?: nn.Module; optimizer?: { loadStateDict(state: never): void }; generator?: Generator }): void {
    if (!this.resumed) return;
    model?.loadStateDict(this.resumed.checkpoint.model);
    optimizer?.loadStateDict(this.resumed.checkpoint.optimizer as never);
    if (this.resumed.record.generator) generator.setState(this.resumed.record.generator);
  }

  /** What fit() keeps in the checkpoint as extra.config, so that --resume finds the run's kind and settings. */
  fitConfig(): Record<string, unknown> {
    return { kind: this.spec.kind, settings: this.settings };
  }
}
