/** `strata eval RUN_DIR`: rebuild a trained model from its checkpoint and score it on the test set. */
import { DataLoader } from "../data/index.js";
import { evaluate } from "../train/index.js";
import { loadTrainedRun } from "./trained-run.js";

export async function evalCommand(runDir: string): Promise<void> {
  const { name, recipe, settings, model, checkpointDir } = await loadTrainedRun(runDir);
  const data = await recipe.loadData(settings);
  const result = evaluate(model, new DataLoader(data.test, { batchSize: 1000 }), { loss: recipe.evalLoss ?? recipe.loss, topK: 5, numClasses: data.numClasses });
  console.log(`${name} from ${checkpointDir}`);
  console.log(`test accuracy: ${(result.accuracy * 100).toFixed(2)}%  top-5: ${(result.topK! * 100).toFixed(2)}%  loss: ${result.loss.toFixed(4)}  (${result.samples} images)`);
  console.log("confusion matrix (rows: true class, columns: predicted):");
  console.log(result.confusion!.toString());
}
