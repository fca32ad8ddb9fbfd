/**
 * Feature tapping: a linear classifier trained on each layer's features, its test accuracy per
 * layer (how linearly separable the classes become with depth — Zeiler & Fergus's table 5 idea,
 * and the "CNN codes" of the lectures).
 */
import { Linear, functional as F, type Module } from "../nn/index.js";
import { Adam } from "../optim/index.js";
import { DataLoader, TensorDataset } from "../data/index.js";
import { Tensor } from "../tensor/index.js";
import { extractFeatures, inference } from "./activations.js";

export interface LabelledSet {
  x: Tensor;
  /** int32 class labels. */
  y: Tensor;
}

export interface TapResult {
  path: string;
  /** Feature length per sample. */
  features: number;
  trainAccuracy: number;
  testAccuracy: number;
}

export interface TappingOptions {
  /** Layers to tap (dotted paths). */
  layers: string[];
  /** Passes over the training features (default 30). */
  epochs?: number;
  /** Adam's learning rate (default 0.01). */
  lr?: number;
  batchSize?: number;
  seed?: number;
}

/** train and test features standardised with the training set's per-feature mean and deviation. */
function standardise(train: Tensor, test: Tensor): void {
  const [n, d] = train.shape;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += train.values[i * d + j];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (train.values[i * d + j] - mean) ** 2;
    const scale = 1 / Math.sqrt(variance / n + 1e-6);
    for (const t of [train, test]) for (let i = 0; i < t.shape[0]; i++) t.values[i * d + j] = (t.values[i * d + j] - mean) * scale;
  }
}

function accuracyOf(classifier: Linear, x: Tensor, y: Tensor): number {
  const predicted = inference(classifier, () => classifier.forward(x)).argmax(1).values;
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === y.values[i]) right++;
  return right / predicted.length;
}

/** For each layer: a softmax classifier trained (Adam, minibatches) on its frozen features of train, scored on test. */
export function featureTapping(model: Module, train: LabelledSet, test: LabelledSet, { layers, epochs = 30, lr = 0.01, batchSize = 100, seed = 0 }: TappingOptions): TapResult[] {
  const classes = Math.max(...train.y.values, ...test.y.values) + 1;
  return layers.map((path) => {
    const trainFeatures = extractFeatures(model, train.x, path);
    const testFeatures = extractFeatures(model, test.x, path);
    standardise(trainFeatures, testFeatures);
    const classifier = new Linear(trainFeatures.shape[1], classes);
    const optimizer = new Adam(classifier.parameters(), { lr });
    const loader = new DataLoader(new TensorDataset(trainFeatures, train.y), { batchSize, shuffle: true, seed });
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const { x, y } of loader) {
        const loss = F.crossEntropy(classifier.forward(x), y);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
      }
    }
    return { path, features: trainFeatures.shape[1], trainAccuracy: accuracyOf(classifier, trainFeatures, train.y), testAccuracy: accuracyOf(classifier, testFeatures, test.y) };
  });
}
