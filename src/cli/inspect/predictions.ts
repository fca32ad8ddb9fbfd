/** `strata inspect` sections about the answers: the confusion matrix and the most confident mistakes. */
import { confidentMistakes, confusionMatrixSvg, confusionCounts, predict, type Predictions, type ReportSection } from "../../viz/index.js";
import type { InspectContext } from "./context.js";

export function predictionsOf(ctx: InspectContext): Predictions {
  return predict(ctx.model, ctx.test.x);
}

export function mistakesSection(ctx: InspectContext, predictions: Predictions): ReportSection {
  const labels = ctx.test.y.values;
  const counts = confusionCounts(predictions, labels);
  const right = counts.reduce((sum, row, i) => sum + row[i], 0);
  const names = ctx.classNames;
  const mistakes = confidentMistakes(predictions, labels, 24);
  return {
    title: "Mistakes",
    intro: `${right} of ${labels.length} test images right (${((100 * right) / labels.length).toFixed(2)}%). Rows of the confusion matrix are true classes, columns the predictions; below, the misclassified images the network was surest of, with its three most probable answers.`,
    figures: [
      { caption: "confusion matrix: rows are true classes, columns predictions; recall of each class at the right", svg: confusionMatrixSvg(counts, { classNames: names }) },
      ...mistakes.map((m) => ({
        caption: `#${m.index}: true ${names[m.label]}; ${m.top3.map((t) => `${names[t.label]} ${(t.probability * 100).toFixed(1)}%`).join(", ")}`,
        image: ctx.show(ctx.sample(m.index), 3),
      })),
    ],
  };
}
