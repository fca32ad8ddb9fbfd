/**
 * The test-set confusion matrix of a classifier run, as SVG. Computing it runs the model over the
 * test set (about a second for LeNet-5 on MNIST's 10,000 images), so it is made when first asked
 * for and kept until the run saves a new checkpoint generation.
 */
import { confusionMatrixSvg } from "../../viz/index.js";
import { evaluateRun } from "../eval-command.js";
import { HttpError } from "./http-error.js";
import { checkpointInfo } from "./run-info.js";
import type { CheckpointInfo } from "./client/protocol.js";
import { fileInRun } from "./run-files.js";
import type { Run } from "./runs.js";

export class ConfusionMatrices {
  /** By run folder: the generation it was made for and the SVG (a promise, so simultaneous requests share one computation). */
  private readonly made = new Map<string, { generation: number; svg: Promise<string> }>();

  /**
   * `drawMatrix` evaluates a run's checkpoint and draws its matrix, and `readCheckpoint` reads its
   * manifest (both given by tests: to count the evaluations, and to lose a race with training).
   */
  constructor(
    private readonly drawMatrix: (run: Run, generation: number) => Promise<string> = draw,
    private readonly readCheckpoint: (run: Run) => Promise<CheckpointInfo | null> = checkpointInfo,
  ) {}

  async svg(run: Run): Promise<string> {
    const checkpoint = await this.checkedCheckpoint(run);
    const cached = this.made.get(run.dir);
    if (cached?.generation === checkpoint.generation) return cached.svg;
    const svg = this.drawMatrix(run, checkpoint.generation);
    this.made.set(run.dir, { generation: checkpoint.generation, svg });
    // A failure (training replaced the checkpoint mid-read, say) is not kept: the next request tries again.
    svg.catch(() => this.made.get(run.dir)?.svg === svg && this.made.delete(run.dir));
    return svg;
  }

  /**
   * The run's classifier checkpoint, its files checked to be the run's own (the evaluation reads
   * them). A file found missing is looked for again in a newly read manifest: a live run saves a
   * new generation and removes the older files between our reading the manifest and its files.
   */
  private async checkedCheckpoint(run: Run, attempts = 3): Promise<CheckpointInfo> {
    const checkpoint = await this.readCheckpoint(run);
    if (checkpoint === null) throw new HttpError(404, `run ${run.name} has no checkpoint yet`);
    if (!checkpoint.classifier) throw new HttpError(404, `run ${run.name} is not a classifier of \`strata train\` (lenet5, mlp): there is no confusion matrix to draw`);
    try {
      await Promise.all(checkpoint.files.map((file) => fileInRun(run, "checkpoint", file)));
    } catch (error) {
      if (attempts > 1 && error instanceof HttpError && error.status === 404) return this.checkedCheckpoint(run, attempts - 1);
      throw error;
    }
    return checkpoint;
  }
}

async function draw(run: Run, generation: number): Promise<string> {
  const { result, classNames } = await evaluateRun(run.dir);
  const title = `${run.name}, checkpoint ${generation}: ${(result.accuracy * 100).toFixed(2)}% of ${result.samples.toLocaleString("en")} test images right`;
  return confusionMatrixSvg(result.confusion!.toArray(), { classNames, title });
}
