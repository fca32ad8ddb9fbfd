/** `strata eval RUN_DIR`: rebuild a trained model from its checkpoint and score it on the test set. */
import { DataLoader } from "../data/index.js";
import { evaluate, type Evaluation } from "../train/index.js";
import { loadTrainedRun, type TrainedRun } from "./trained-run.js";

/** The trained model of runDir scored on its test set (as the run chose it: --limit applies), with its class names. */
export async function evaluateRun(runDir: string): Promise<{ run: TrainedRun; result: Evaluation; classNames?: string[] }> {
  const run = await loadTrainedRun(runDir);
  const data = await run.recipe.loadData(run.settings);
  const result = evaluate(run.model, new DataLoader(data.test, { batchSize: 1000 }), { loss: run.recipe.evalLoss ?? run.recipe.loss, topK: 5, numClasses: data.numClasses });
  return { run, result, classNames: data.classNames };
}

export async function evalCommand(runDir: string): Promise<void> {
  const { run, result } = await evaluateRun(runDir);
  console.log(`${run.name} from ${run.checkpointDir}`);
  console.log(`test accuracy: ${(result.accuracy * 100).toFixed(2)}%  top-5: ${(result.topK! * 100).toFixed(2)}%  loss: ${result.loss.toFixed(4)}  (${result.samples} images)`);
  console.log("confusion matrix (rows: true class, columns: predicted):");
  console.log(result.confusion!.toString());
}
