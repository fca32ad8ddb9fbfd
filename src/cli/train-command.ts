/** `strata train NAME`: train a recipe, validate each epoch, checkpoint, and report test accuracy. */
import { join } from "node:path";
import { manualSeed, optim } from "../index.js";
import { DataLoader } from "../data/index.js";
import { evaluate, fit } from "../train/index.js";
import { makeOptimizer } from "./optimizers.js";
import { recipes, type TrainSettings } from "./recipes.js";
import { saveFilterSnapshot } from "./filter-snapshots.js";
import { definedOnly, prepareRunDir } from "./run-dir.js";

export interface TrainCommandOptions extends Partial<TrainSettings> {
  out?: string;
  resume?: boolean;
  progress?: boolean;
  augment?: boolean;
}

export async function trainCommand(name: string, options: TrainCommandOptions): Promise<void> {
  const recipe = recipes[name];
  if (!recipe) throw new Error(`unknown model "${name}"; available: ${[...Object.keys(recipes), "char-rnn"].join(", ")}`);
  const { out, resume, progress, augment: augmentFlag, ...overrides } = options;
  if (augmentFlag && !recipe.augmentation) throw new Error(`--augment: the ${name} recipe has no augmentation`);
  const augment = augmentFlag ?? recipe.augmentByDefault ?? false;
  const settings: TrainSettings = { ...recipe.defaults, ...definedOnly(overrides) };
  const runDir = out ?? join("runs", name);
  const { checkpointDir, logFile } = prepareRunDir(runDir, resume);

  manualSeed(settings.seed);
  const model = recipe.buildModel();
  const data = await recipe.loadData(settings);
  const optimizer = makeOptimizer(model.parameters(), settings);
  const batchesPerEpoch = Math.ceil(data.train.length / settings.batchSize);
  const scheduler = new optim.CosineAnnealingLR(optimizer, { tMax: settings.epochs * batchesPerEpoch });
  const transform = augment ? recipe.augmentation!() : undefined;
  const train = new DataLoader(data.train, { batchSize: settings.batchSize, shuffle: true, seed: settings.seed, transform });
  const validation = new DataLoader(data.validation, { batchSize: 1000 });

  console.log(`training ${name}: ${recipe.description}`);
  console.log(
    `  ${data.train.length} training / ${data.validation.length} validation / ${data.test.length} test samples; ` +
      `${settings.optimizer} lr ${settings.lr} (cosine decay)${augment ? ", augmented" : ""}, batch ${settings.batchSize}, ${settings.epochs} epoch${settings.epochs === 1 ? "" : "s"}, seed ${settings.seed}`,
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
    checkpointDir,
    resume,
    logFile,
    progress,
    config: { recipe: name, settings, augment },
    onEpochEnd: ({ epoch }) => saveFilterSnapshot(runDir, model, epoch),
  });
  const test = evaluate(model, new DataLoader(data.test, { batchSize: 1000 }), { loss: recipe.evalLoss ?? recipe.loss });
  const minutes = (performance.now() - started) / 60000;
  console.log(`test accuracy: ${(test.accuracy * 100).toFixed(2)}% (${test.samples} test images, loss ${test.loss.toFixed(4)}) after ${minutes.toFixed(1)} min`);
  console.log(`checkpoint: ${checkpointDir}  log: ${logFile}`);
  console.log(`see inside: npx strata inspect ${runDir}`);
}
