/** `strata eval RUN_DIR`: rebuild a trained model from its checkpoint and score it on the test set. */
import { join } from "node:path";
import { DataLoader } from "../data/index.js";
import { loadCheckpoint } from "../io/index.js";
import { evaluate } from "../train/index.js";
import { recipes, type TrainSettings } from "./recipes.js";

export async function evalCommand(runDir: string): Promise<void> {
  const checkpointDir = join(runDir, "checkpoint");
  const checkpoint = await loadCheckpoint(checkpointDir);
  const config = (checkpoint.extra as { config?: { recipe?: string; settings?: TrainSettings } } | undefined)?.config;
  const recipe = config?.recipe ? recipes[config.recipe] : undefined;
  if (!recipe || !config?.settings) {
    throw new Error(`${checkpointDir} was not written by \`strata train\` (its checkpoint.json names no known recipe)`);
  }
  const model = recipe.buildModel();
  model.loadStateDict(checkpoint.model);
  const data = await recipe.loadData(config.settings);
  const result = evaluate(model, new DataLoader(data.test, { batchSize: 1000 }), { loss: recipe.evalLoss ?? recipe.loss, topK: 5, numClasses: data.numClasses });
  console.log(`${config.recipe} from ${checkpointDir}`);
  console.log(`test accuracy: ${(result.accuracy * 100).toFixed(2)}%  top-5: ${(result.topK! * 100).toFixed(2)}%  loss: ${result.loss.toFixed(4)}  (${result.samples} images)`);
  console.log("confusion matrix (rows: true class, columns: predicted):");
  console.log(result.confusion!.toString());
}
