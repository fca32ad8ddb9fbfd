/**
 * One of each plot strata/viz draws, written as SVG files to look at: training curves with the
 * gap read, activation histograms per layer, a 2-D embedding, accuracy per tapped layer, a
 * confusion matrix, and a line chart with its annotations. The data are made up on the spot
 * (seeded), shaped like what the real runs give.
 *
 * Run after `npm ci`:  node dist/examples/plots-demo.js [output folder, default /tmp/strata-plots]
 */
import { join } from "node:path";
import { Generator, manualSeed, matmul, randn, tanh, type Tensor } from "../src/index.js";
import { barChart, confusionMatrixSvg, histogram, histogramGrid, lineChart, scatterPlot, trainingCurves } from "../src/viz/plots/index.js";
import { writeSvg } from "../src/viz/plots/node.js";

const out = process.argv[2] ?? "/tmp/strata-plots";
const g = new Generator(7);
manualSeed(7);

// Two runs of 20 epochs: a big model that overfits (validation loss turns up after epoch 8) and a small one that underfits.
function run(name: string, finalTrainError: number, finalValError: number, valTurn: number) {
  return {
    name,
    records: Array.from({ length: 20 }, (_, i) => {
      const epoch = i + 1;
      const progress = 1 - Math.exp(-epoch / 4);
      const trainLoss = 2.3 * (1 - progress) + 3 * finalTrainError * progress + 0.01 * g.normal();
      const valLoss = 2.3 * (1 - progress) + 3 * finalValError * progress + 0.004 * Math.max(0, epoch - valTurn) ** 1.5 + 0.01 * g.normal();
      const trainAccuracy = 0.1 + (0.9 - finalTrainError) * progress;
      const valAccuracy = 0.1 + (0.9 - finalValError) * progress + 0.003 * g.normal();
      return { epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, lr: 0.01, seconds: 12, samplesPerSecond: 5000 };
    }),
  };
}
const curves = trainingCurves([run("wide", 0.0, 0.12, 8), run("narrow", 0.25, 0.255, 99)], { title: "CIFAR-10 convnets" });
writeSvg(join(out, "training-loss.svg"), curves.loss);
writeSvg(join(out, "training-accuracy.svg"), curves.accuracy ?? "");
for (const d of curves.gap) console.log(`${d.run}: ${d.verdict}: ${d.advice}`);

// Activations of a 6-layer tanh network with too small an initialisation (std 0.04 for 256 inputs):
// the spread shrinks layer by layer, the lectures' picture of why initialisation matters.
let activation: Tensor = randn([500, 256]);
const layers = Array.from({ length: 6 }, (_, i) => {
  activation = tanh(matmul(activation, randn([256, 256], { std: 0.04 })));
  return { title: `layer ${i + 1} (tanh)`, values: activation.values };
});
writeSvg(join(out, "activations.svg"), histogramGrid(layers, { title: "Activations per layer, std 0.04 initialisation", xLabel: "activation" }));
writeSvg(join(out, "histogram.svg"), histogram(layers[0].values, { title: "Layer 1 activations", xLabel: "activation" }));

// Ten Gaussian clusters standing in for a t-SNE embedding of digit features.
const points: number[][] = [];
const labels: number[] = [];
for (let i = 0; i < 2000; i++) {
  const digit = g.int(10);
  const angle = (2 * Math.PI * digit) / 10;
  points.push([30 * Math.cos(angle) + 4 * g.normal(), 30 * Math.sin(angle) + 4 * g.normal()]);
  labels.push(digit);
}
const digitNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
writeSvg(join(out, "embedding.svg"), scatterPlot(points, labels, { title: "t-SNE of the penultimate layer (MNIST test)", classNames: digitNames }));

const tapped = [["conv1", 0.941], ["pool1", 0.952], ["conv2", 0.978], ["pool2", 0.983], ["fc1", 0.989], ["fc2", 0.9917]] as const;
writeSvg(
  join(out, "feature-tapping.svg"),
  barChart({
    title: "Linear classifier on features tapped from LeNet-5",
    bars: tapped.map(([label, value]) => ({ label, value: value * 100 })),
    xLabel: "layer",
    yLabel: "test accuracy (%)",
    reference: { value: 91.8, label: "raw pixels" },
    formatValue: (v) => `${v.toFixed(1)}%`,
  }),
);

// A confusion matrix shaped like a LeNet-5's on MNIST: mostly diagonal, 4↔9, 3↔5 and 7→2 mistakes.
const counts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
const confusion = counts.map((total, t) => {
  const row = new Array<number>(10).fill(0);
  const mistakes: Record<number, number[]> = { 4: [9, 9, 9, 6], 9: [4, 4, 4, 7, 7], 3: [5, 5, 5, 2], 5: [3, 3, 3, 6], 7: [2, 2, 2, 9] };
  for (const p of mistakes[t] ?? [(t + 1) % 10]) row[p] += 1 + g.int(3);
  row[t] = total - row.reduce((a, b) => a + b, 0);
  return row;
});
writeSvg(join(out, "confusion.svg"), confusionMatrixSvg(confusion, { title: "LeNet-5 on MNIST test" }));

// A line chart with a missing stretch, a log axis, a note and a gap bracket.
const steps = Array.from({ length: 60 }, (_, i) => i * 50);
const noisy = (scale: number) => steps.map((s) => [s, scale * Math.exp(-s / 900) + 0.05 + 0.01 * Math.abs(g.normal())] as const);
const sgd = noisy(2.2).map(([s, y]) => [s, s >= 1200 && s < 1450 ? null : y] as const);
writeSvg(
  join(out, "line.svg"),
  lineChart({
    title: "Loss per step: SGD against Adam",
    series: [{ name: "SGD, lr 0.1", points: sgd }, { name: "Adam, lr 0.001", points: noisy(0.9), dashed: true }],
    xLabel: "step",
    yLabel: "loss",
    logY: true,
    annotations: [
      { kind: "note", text: ["SGD log lost between", "steps 1,200 and 1,450"], corner: "top-right" },
      { kind: "gap", x: 2250, from: "SGD, lr 0.1", to: "Adam, lr 0.001", label: "2× lower" },
    ],
  }),
);
console.log(`wrote the plots to ${out}`);
