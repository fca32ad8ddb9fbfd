/** `strata inspect` section read off the training log: loss and accuracy curves, and the train–validation gap. */
import { basename, resolve } from "node:path";
import { readRunLog, trainingCurves, type ReportSection } from "../../viz/index.node.js";
import type { InspectContext } from "./context.js";

/** Curves of the run (and of any runs to compare with, drawn on the same plots). */
export function curvesSection(ctx: InspectContext, compare: readonly string[]): ReportSection {
  const runs = [ctx.runDir, ...compare].map((dir) => ({ name: basename(resolve(dir)), records: readRunLog(dir) }));
  const curves = trainingCurves(runs);
  const figures: ReportSection["figures"] = [{ caption: "loss per epoch: training (solid, averaged over the epoch) and validation (dashed)", svg: curves.loss }];
  if (curves.accuracy) figures.push({ caption: "accuracy per epoch, with the train–validation gap at the last epoch", svg: curves.accuracy });
  const verdicts = curves.gap.map((g) => [g.run, g.epoch, `${(g.trainAccuracy * 100).toFixed(2)}%`, `${(g.valAccuracy * 100).toFixed(2)}%`, `${(g.gap * 100).toFixed(2)} points`, g.verdict, g.advice]);
  if (verdicts.length > 0) figures.push({ caption: "the gap read as the lecture reads it: a big gap is overfitting, none at all calls for more capacity", table: { header: ["run", "epoch", "train", "validation", "gap", "verdict", "advice"], rows: verdicts } });
  return {
    title: "Training",
    intro: "Read off the run's log.jsonl. Training figures are averaged over each epoch with dropout and augmentation on, validation figures are measured after it, so early on validation can look better than training.",
    figures,
  };
}
