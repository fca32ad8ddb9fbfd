/** A classifier's answers over a test set: class probabilities, the confusion matrix, and its most confident mistakes. */
import type { Module } from "../nn/index.js";
import { softmax } from "../ops/index.js";
import { Tensor, fmtShape } from "../tensor/index.js";
import { inference } from "./activations.js";
import { forEachBatch } from "./batches.js";

export interface Predictions {
  /** Class probabilities, [N, classes] row-major. */
  probabilities: Float32Array;
  classes: number;
  /** The most probable class of each sample. */
  predicted: Int32Array;
}

/** The softmax of model's scores for every sample of inputs, batch by batch in evaluation mode. */
export function predict(model: Module, inputs: Tensor, { batchSize = 500 }: { batchSize?: number } = {}): Predictions {
  const n = inputs.shape[0];
  let probabilities = new Float32Array(0);
  let classes = 0;
  forEachBatch(inputs, batchSize, (batch, from) => {
    const p = inference(model, () => softmax(model.forward(batch), -1));
    if (p.shape.length !== 2) throw new TypeError(`predict: expected the model to give scores [batch, classes], got ${fmtShape(p.shape)}`);
    if (from === 0) {
      classes = p.shape[1];
      probabilities = new Float32Array(n * classes);
    }
    probabilities.set(p.values, from * classes);
  });
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[i * classes + c] > probabilities[i * classes + best]) best = c;
    predicted[i] = best;
  }
  return { probabilities, classes, predicted };
}

/** counts[true][predicted] over the samples. */
export function confusionCounts({ predicted, classes }: Predictions, labels: ArrayLike<number>): number[][] {
  if (labels.length !== predicted.length) throw new RangeError(`confusionCounts: ${labels.length} labels for ${predicted.length} predictions`);
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    if (!(labels[i] >= 0 && labels[i] < classes)) throw new RangeError(`confusionCounts: label ${labels[i]} of sample ${i} is not a class in [0, ${classes})`);
    counts[labels[i]][predicted[i]]++;
  }
  return counts;
}

export interface Mistake {
  index: number;
  label: number;
  /** The three most probable classes, most probable first. */
  top3: { label: number; probability: number }[];
}

/** The k misclassified samples the model was surest of (the probability of its wrong answer, highest first). */
export function confidentMistakes(predictions: Predictions, labels: ArrayLike<number>, k = 16): Mistake[] {
  const { probabilities, classes, predicted } = predictions;
  const wrong: number[] = [];
  for (let i = 0; i < labels.length; i++) if (predicted[i] !== labels[i]) wrong.push(i);
  const confidence = (i: number) => probabilities[i * classes + predicted[i]];
  return wrong
    .sort((a, b) => confidence(b) - confidence(a))
    .slice(0, k)
    .map((index) => {
      const row = Array.from(probabilities.subarray(index * classes, (index + 1) * classes), (probability, label) => ({ label, probability }));
      return { index, label: labels[index], top3: row.sort((a, b) => b.probability - a.probability).slice(0, 3) };
    });
}
