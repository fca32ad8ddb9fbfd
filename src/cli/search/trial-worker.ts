/**
 * A worker process of `strata search` (forked, one backend thread): trains one trial's run up to a
 * rung's epoch through `strata train`'s own code, continuing its checkpoint when it has one, and
 * sends back the validation score of every epoch. It never looks at the test set.
 */
import { setBackend } from "../../index.js";
import { trainCommand, type TrainCommandOptions } from "../train-command.js";
import type { EpochScore } from "./search-state.js";

export interface TrialJob {
  recipe: string;
  /** The trial's `strata train` settings (its configuration, the search's epochs, limit, val-size and seed). */
  settings: TrainCommandOptions;
  runDir: string;
  /** The rung's epoch to stop after. */
  until: number;
  /** Continue the checkpoint in runDir (a promoted trial, or one a killed search left midway). */
  resume: boolean;
  backend: string;
}

export interface TrialReport {
  curve: EpochScore[];
}

// the search was killed or stopped: this trial's work would be for nobody, and could race the resumed search's worker
process.on("disconnect", () => process.exit(1));

process.once("message", async (job: TrialJob) => {
  try {
    setBackend(job.backend);
    const options = { ...job.settings, out: job.runDir, resume: job.resume, overwrite: !job.resume, progress: false };
    const { history } = await trainCommand(job.recipe, options, { until: job.until, test: false });
    if (history.some((e) => e.valAccuracy === undefined)) throw new Error("the run has no validation set to score it on");
    // a trial whose weights blew up without a non-finite training loss still ranks nowhere
    const diverged = history.find((e) => !Number.isFinite(e.valLoss));
    if (diverged) throw new Error(`diverged: the validation loss is ${diverged.valLoss} after epoch ${diverged.epoch} (validation accuracy ${((diverged.valAccuracy ?? 0) * 100).toFixed(2)}%)`);
    const report: TrialReport = { curve: history.map((e) => ({ epoch: e.epoch, valAccuracy: e.valAccuracy!, valLoss: e.valLoss! })) };
    process.send!(report, () => process.exit(0));
  } catch (error) {
    console.error((error as Error).message);
    if (process.env.STRATA_DEBUG) console.error(error);
    process.exit(1);
  }
});
