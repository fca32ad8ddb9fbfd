/** `strata inspect` sections about what the layers represent: invariance to warps, and linear separability per layer. */
import { barChart, captureActivations, featureTapping, invarianceCurves, lineChart, reluPaths, scatterPlot, strongestChannel, tsne, type InvarianceCurve, type Predictions, type ReportSection } from "../../viz/index.js";
import type { InspectContext } from "./context.js";

const UNITS: Record<InvarianceCurve["kind"], string> = { translation: "horizontal shift (pixels)", scale: "scale factor", rotation: "rotation (degrees)" };

export function invarianceSection(ctx: InspectContext, predictions: Predictions): ReportSection {
  const layers = reluPaths(ctx.model);
  const chosen = [layers[0], layers[layers.length - 1]].filter((p, i, all) => p !== undefined && all.indexOf(p) === i);
  const samples = [...ctx.test.y.values.keys()].filter((i) => predictions.predicted[i] === ctx.test.y.values[i]).slice(0, 3);
  const figures: ReportSection["figures"] = [];
  for (const index of samples) {
    const label = ctx.test.y.values[index];
    // The unit followed: the channel of the last ReLU layer that fires most on the untouched digit.
    const last = chosen[chosen.length - 1];
    const channel = strongestChannel(ctx.model, ctx.sample(index), last);
    const curves = invarianceCurves(ctx.model, ctx.sample(index), { targetClass: label, layers: chosen, unit: { layer: last, channel } });
    for (const curve of curves) {
      // Distances are scaled by their largest value so both layers share the probability's 0–1 axis.
      const distance = chosen.map((path) => {
        const values = curve.featureDistance[path];
        const peak = Math.max(...values) || 1;
        return { name: `layer ${path} ÷ ${peak.toFixed(1)}`, points: curve.amounts.map((a, i): [number, number] => [a, values[i] / peak]), dashed: true };
      });
      const probability = { name: `p(${ctx.classNames[label]})`, points: curve.amounts.map((a, i): [number, number] => [a, curve.probability[i]]) };
      const unitPeak = Math.max(...curve.unitOutput!) || 1;
      const unit = { name: `unit ${last}:${channel} ÷ ${unitPeak.toFixed(1)}`, points: curve.amounts.map((a, i): [number, number] => [a, curve.unitOutput![i] / unitPeak]) };
      figures.push({ caption: `test image ${index} (${ctx.classNames[label]}), ${curve.kind}`, svg: lineChart({ series: [probability, unit, ...distance], title: `${curve.kind} of a ${ctx.classNames[label]}`, xLabel: UNITS[curve.kind], yLabel: "probability / relative distance", width: 560, height: 320 }) });
    }
  }
  return {
    title: "Invariance",
    intro: `As in Zeiler & Fergus 2014, fig. 5: each test digit shifted, scaled and rotated; the true class's probability and the output of the last ReLU layer's most active unit (solid), and how far the features of the first and last ReLU layers (${chosen.join(", ")}) move from those of the untouched digit (dashed; Euclidean distance divided by its largest value, given in the legend). Deeper features should move less for small warps; rotation is what a convnet does not absorb.`,
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

/** Leave-one-out accuracy of a k-nearest-neighbour vote in a 2-D map. */
function knnAccuracy(points: Float32Array, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  let right = 0;
  for (let i = 0; i < n; i++) {
    const nearest: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (points[2 * i] - points[2 * j]) ** 2 + (points[2 * i + 1] - points[2 * j + 1]) ** 2;
      if (nearest.length < k || d < nearest[nearest.length - 1][0]) {
        nearest.push([d, labels[j]]);
        nearest.sort((a, b) => a[0] - b[0]).splice(k);
      }
    }
    const votes = new Map<number, number>();
    for (const [, label] of nearest) votes.set(label, (votes.get(label) ?? 0) + 1);
    if ([...votes].sort((a, b) => b[1] - a[1])[0][0] === labels[i]) right++;
  }
  return right / n;
}

export function embeddingSection(ctx: InspectContext): ReportSection {
  const layers = reluPaths(ctx.model);
  const path = layers[layers.length - 1];
  const codes = captureActivations(ctx.model, ctx.test.x, [path]).activations.get(path)!;
  const flat = codes.reshape([codes.shape[0], -1]);
  const { embedding, kl } = tsne(flat, { seed: 0 });
  const labels = ctx.test.y.values;
  const points = Float32Array.from(embedding.values);
  const accuracy = knnAccuracy(points, labels, 5);
  return {
    title: "Embedding",
    intro: `The ${flat.shape[1]}-d codes of layer ${path} for ${flat.shape[0]} test images, mapped to 2-D by t-SNE (perplexity 30, Barnes–Hut; final KL ${kl.toFixed(3)}). Colours are the true classes: well-separated clusters mean the layer has made the classes easy to tell apart. A 5-nearest-neighbour vote in the map gets ${(accuracy * 100).toFixed(1)}% right.`,
    figures: [{ caption: `t-SNE of layer ${path}'s codes, coloured by true class`, svg: scatterPlot(points, labels, { classNames: ctx.classNames, title: `t-SNE of layer ${path}`, width: 720, height: 560 }) }],
  };
}
