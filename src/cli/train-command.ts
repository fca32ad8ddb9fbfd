/** `strata train NAME`: train a recipe, validate each epoch, checkpoint, and report test accuracy. */
import { manualSeed, optim } from "../index.js";
import { DataLoader } from "../data/index.js";
import { evaluate, fit } from "../train/index.js";
import { makeOptimizer } from "./optimizers.js";
import { UsageError } from "./options.js";
import { recipes, type TrainSettings } from "./recipes.js";
import { saveFilterSnapshot } from "./filter-snapshots.js";
import { TrainingRun, type CommandOptions } from "./training-run.js";

/** A recipe's settings and whether its training batches are augmented. */
type ClassifierSettings = TrainSettings & { augment: boolean };

export type TrainCommandOptions = CommandOptions<ClassifierSettings>;

export async function trainCommand(name: string, options: TrainCommandOptions): Promise<void> {
  const recipe = recipes[name];
  if (!recipe) throw new UsageError(`unknown model "${name}"; available: ${[...Object.keys(recipes), "char-rnn"].join(", ")}`);
  if (options.augment && !recipe.augmentation) throw new UsageError(`--augment: the ${name} recipe has no augmentation`);
  const defaults: ClassifierSettings = { ...recipe.defaults, augment: recipe.augmentByDefault ?? false };
  const run = await TrainingRun.open({ kind: name, defaults }, options);
  const { settings, runDir } = run;

  manualSeed(settings.seed);
  const model = recipe.buildModel();
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
      `${settings.optimizer} lr ${settings.lr} (cosine decay)${settings.augment ? ", augmented" : ""}, batch ${settings.batchSize}, ${settings.epochs} epoch${settings.epochs === 1 ? "" : "s"}, seed ${settings.seed}`,
  );
  const started = performance.now();
  await fit({
    model,
    optimizer,
    loss: recipe.loss,
    validationLoss: recipe.evalLoss,
    train,
    validation,
    epochs: settings.epochs,
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
  const test = evaluate(model, new DataLoader(data.test, { batchSize: 1000 }), { loss: recipe.evalLoss ?? recipe.loss });
  const minutes = (performance.now() - started) / 60000;
  console.log(`test accuracy: ${(test.accuracy * 100).toFixed(2)}% (${test.samples} test images, loss ${test.loss.toFixed(4)}) after ${minutes.toFixed(1)} min`);
  console.log(`checkpoint: ${run.checkpointDir}  log: ${run.logFile}`);
  console.log(`see inside: npx strata inspect ${runDir}`);
}
