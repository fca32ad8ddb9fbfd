/**
 * `strata train NAME`: train a recipe, validate each epoch, checkpoint, and report test accuracy.
 * `strata search` trains its trials through the same function, stopping at a rung's epoch and
 * leaving the test set alone.
 */
import { manualSeed, optim } from "../index.js";
import { DataLoader } from "../data/index.js";
import { evaluate, fit, type EpochRecord, type Evaluation } from "../train/index.js";
import { makeOptimizer } from "./optimizers.js";
import { UsageError } from "./options.js";
import { recipes, type TrainSettings } from "./recipes.js";
import { saveFilterSnapshot } from "./filter-snapshots.js";
import { TrainingRun, type CommandOptions } from "./training-run.js";

/** A recipe's settings and whether its training batches are augmented. */
type ClassifierSettings = TrainSettings & { augment: boolean };

export type TrainCommandOptions = CommandOptions<ClassifierSettings>;

/** How far a run trains this time, and what it reports. */
export interface TrainPlan {
  /** Stop after this epoch (the learning-rate schedule still spans settings.epochs, so a later --resume goes on exactly as an unbroken run). */
  until?: number;
  /** Score the test set at the end (default true); a search's trials must not look at it. */
  test?: boolean;
}

export interface TrainOutcome {
  /** Every epoch the run has trained, earlier invocations' too. */
  history: EpochRecord[];
  test: Evaluation | null;
}

/** The model's width and dropout when they are not the recipe's plain network. */
const shapeNote = ({ width = 1, dropout = 0 }: TrainSettings) => `${width !== 1 ? `, width ×${width}` : ""}${dropout ? `, dropout ${dropout}` : ""}`;

/** The settings `strata train NAME` starts from: the recipe's, with its default augmentation. */
export function classifierDefaults(name: string): ClassifierSettings {
  const recipe = recipes[name];
  if (!recipe) throw new UsageError(`unknown model "${name}"; available: ${[...Object.keys(recipes), "char-rnn"].join(", ")}`);
  return { ...recipe.defaults, augment: recipe.augmentByDefault ?? false };
}

export async function trainCommand(name: string, options: TrainCommandOptions, plan: TrainPlan = {}): Promise<TrainOutcome> {
  const defaults = classifierDefaults(name);
  const recipe = recipes[name];
  if (options.augment && !recipe.augmentation) throw new UsageError(`--augment: the ${name} recipe has no augmentation`);
  const unshaped = (["width", "dropout"] as const).find((k) => options[k] !== undefined && !recipe.shapedBy.includes(k));
  if (unshaped) throw new UsageError(`--${unshaped} does not apply to ${name} (its model has a fixed shape)`);
  const run = await TrainingRun.open({ kind: name, defaults }, options);
  const { settings, runDir } = run;

  manualSeed(settings.seed);
  const model = recipe.buildModel(settings);
  const data = await recipe.loadData(settings);
  const optimizer = makeOptimizer(model.parameters(), settings);
  const batchesPerEpoch = Math.ceil(data.train.length / settings.batchSize);
  // on resume with more --epochs, the cosine decay is stretched over them: the learning rate goes on from where the longer schedule stands
  const scheduler = new optim.CosineAnnealingLR(optimizer, { tMax: settings.epochs * batchesPerEpoch });
  const transform = settings.augment ? recipe.augmentation!() : undefined;
  const train = new DataLoader(data.train, { batchSize: settings.batchSize, shuffle: true, seed: settings.seed, transform });
  // --val-size 0: train without a validation set rather than report its loss as NaN
  const validation = data.validation.length > 0 ? new DataLoader(data.validation, { batchSize: 1000 }) : undefined;
  run.start();

  console.log(`training ${name}: ${recipe.description}`);
  console.log(
    `  ${data.train.length} training / ${data.validation.length} validation / ${data.test.length} test samples; ` +
      `${settings.optimizer} lr ${settings.lr} (cosine decay)${settings.weightDecay ? `, weight decay ${settings.weightDecay}` : ""}${settings.augment ? ", augmented" : ""}${shapeNote(settings)}, batch ${settings.batchSize}, ${settings.epochs} epoch${settings.epochs === 1 ? "" : "s"}, seed ${settings.seed}`,
  );
  const started = performance.now();
  const { history } = await fit({
    model,
    optimizer,
    loss: recipe.loss,
    validationLoss: recipe.evalLoss,
    train,
    validation,
    epochs: Math.min(plan.until ?? settings.epochs, settings.epochs),
    scheduler,
    schedulerInterval: "batch",
    checkpointDir: run.checkpointDir,
    resume: run.resumed !== null,
    logFile: run.logFile,
    progress: options.progress,
    // recipe: what `strata eval`, `inspect` and the studio read the model from
    config: { ...run.fitConfig(), recipe: name },
    onEpochEnd: ({ epoch }) => saveFilterSnapshot(runDir, model, epoch),
    onCheckpoint: () => run.checkpointSaved(),
  });
  if (plan.test === false) return { history, test: null };
  const test = evaluate(model, new DataLoader(data.test, { batchSize: 1000 }), { loss: recipe.evalLoss ?? recipe.loss });
  const minutes = (performance.now() - started) / 60000;
  console.log(`test accuracy: ${(test.accuracy * 100).toFixed(2)}% (${test.samples} test images, loss ${test.loss.toFixed(4)}) after ${minutes.toFixed(1)} min`);
  console.log(`checkpoint: ${run.checkpointDir}  log: ${run.logFile}`);
  console.log(`see inside: npx strata inspect ${runDir}`);
  return { history, test };
}
