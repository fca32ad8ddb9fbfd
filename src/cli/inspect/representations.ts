/** `strata inspect` sections about what the layers represent: invariance to warps, and linear separability per layer. */
import { barChart, featureTapping, invarianceCurves, lineChart, reluPaths, type InvarianceCurve, type Predictions, type ReportSection } from "../../viz/index.js";
import type { InspectContext } from "./context.js";

const UNITS: Record<InvarianceCurve["kind"], string> = { translation: "horizontal shift (pixels)", scale: "scale factor", rotation: "rotation (degrees)" };

export function invarianceSection(ctx: InspectContext, predictions: Predictions): ReportSection {
  const layers = reluPaths(ctx.model);
  const chosen = [layers[0], layers[layers.length - 1]].filter((p, i, all) => p !== undefined && all.indexOf(p) === i);
  const samples = [...ctx.test.y.values.keys()].filter((i) => predictions.predicted[i] === ctx.test.y.values[i]).slice(0, 3);
  const figures: ReportSection["figures"] = [];
  for (const index of samples) {
    const label = ctx.test.y.values[index];
    const curves = invarianceCurves(ctx.model, ctx.sample(index), { targetClass: label, layers: chosen });
    for (const curve of curves) {
      // Distances are scaled by their largest value so both layers share the probability's 0–1 axis.
      const distance = chosen.map((path) => {
        const values = curve.featureDistance[path];
        const peak = Math.max(...values) || 1;
        return { name: `layer ${path} ÷ ${peak.toFixed(1)}`, points: curve.amounts.map((a, i): [number, number] => [a, values[i] / peak]), dashed: true };
      });
      const probability = { name: `p(${ctx.classNames[label]})`, points: curve.amounts.map((a, i): [number, number] => [a, curve.probability[i]]) };
      figures.push({ caption: `test image ${index} (${ctx.classNames[label]}), ${curve.kind}`, svg: lineChart({ series: [probability, ...distance], title: `${curve.kind} of a ${ctx.classNames[label]}`, xLabel: UNITS[curve.kind], yLabel: "probability / relative distance", width: 560, height: 320 }) });
    }
  }
  return {
    title: "Invariance",
    intro: `As in Zeiler & Fergus 2014, fig. 5: each test digit shifted, scaled and rotated; the true class's probability (solid) and how far the features of the first and last ReLU layers (${chosen.join(", ")}) move from those of the untouched digit (dashed; Euclidean distance divided by its largest value, given in the legend). Deeper features should move less for small warps; rotation is what a convnet does not absorb.`,
    figures,
  };
}

export function tappingSection(ctx: InspectContext): ReportSection {
  const layers = reluPaths(ctx.model);
  const test = { x: ctx.test.x, y: ctx.test.y };
  const taps = featureTapping(ctx.model, ctx.train, test, { layers, epochs: 10 });
  return {
    title: "Feature tapping",
    intro: `A softmax classifier trained on the frozen features of each ReLU layer (${ctx.train.x.shape[0]} training images, 10 passes of Adam), scored on ${test.x.shape[0]} test images: how linearly separable the classes become with depth.`,
    figures: [
      { caption: "test accuracy of a linear classifier on each layer's features", svg: barChart({ bars: taps.map((t) => ({ label: `layer ${t.path} (${t.features})`, value: t.testAccuracy })), title: "linear separability by layer", yLabel: "test accuracy", formatValue: (v) => `${(v * 100).toFixed(1)}%` }) },
      { caption: "the same in numbers", table: { header: ["layer", "features", "train accuracy", "test accuracy"], rows: taps.map((t) => [t.path, t.features, `${(t.trainAccuracy * 100).toFixed(1)}%`, `${(t.testAccuracy * 100).toFixed(1)}%`]) } },
    ],
  };
}
