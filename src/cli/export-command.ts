/** `strata export RUN_DIR FILE.onnx`: a trained run's model as an ONNX file, for onnxruntime, Triton and other runtimes. */
import { exportOnnx } from "../io/index.js";
import { tensor, zeros } from "../ops/index.js";
import { isCharRnnCheckpoint, loadCharRnnRun } from "./char-rnn-run.js";
import { loadRunCheckpoint, loadTrainedRun } from "./trained-run.js";

export async function exportCommand(runDir: string, file: string): Promise<void> {
  const { checkpoint } = await loadRunCheckpoint(runDir);
  if (isCharRnnCheckpoint(checkpoint)) {
    const { model, vocab, checkpointDir } = await loadCharRnnRun(runDir);
    await exportOnnx(model, tensor(new Int32Array(1), [1, 1]), file, { dynamicAxes: { 0: "batch", 1: "time" } });
    console.log(`char-rnn from ${checkpointDir} → ${file}`);
    console.log(`input "input": int32 character ids [batch, time] (${vocab.size} characters, in the order of the checkpoint's extra.chars); output "output": next-character logits [batch, time, ${vocab.size}]`);
    return;
  }
  const run = await loadTrainedRun(runDir);
  const shape = run.recipe.imageShape;
  await exportOnnx(run.model, zeros([1, ...shape]), file);
  const classes = run.model.forward(zeros([1, ...shape])).shape[1];
  const scaling = run.recipe.input ? `normalised as (pixel − ${run.recipe.input.normalization.mean}) / ${run.recipe.input.normalization.std}` : "as the run's recipe prepares them";
  console.log(`${run.name} from ${run.checkpointDir} → ${file}`);
  console.log(`input "input": float32 [batch, ${shape.join(", ")}], pixels in [0, 1] ${scaling}; output "output": logits [batch, ${classes}]`);
}
