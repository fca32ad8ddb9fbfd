/** Classification metrics: accuracy, top-k accuracy and the confusion matrix. */
import { argmax, fmtShape, ShapeError, type Tensor } from "../index.js";

function checkScores(op: string, scores: Tensor, labels: Tensor): [number, number] {
  if (scores.ndim !== 2) throw new ShapeError(`${op}: scores must be [N, C], got ${fmtShape(scores.shape)}`);
  if (labels.dtype !== "int32") throw new TypeError(`${op}: labels must be int32 class indices, got ${labels.dtype}`);
  if (labels.ndim !== 1 || labels.shape[0] !== scores.shape[0]) {
    throw new ShapeError(`${op}: labels of shape ${fmtShape(labels.shape)} do not match scores of shape ${fmtShape(scores.shape)} (expected [${scores.shape[0]}])`);
  }
  return [scores.shape[0], scores.shape[1]];
}

/** How many rows have the true label among their k highest scores (ties broken toward lower class). */
export function topKCorrect(scores: Tensor, labels: Tensor, k: number): number {
  const [n, c] = checkScores("topK", scores, labels);
  if (!Number.isInteger(k) || k < 1 || k > c) throw new RangeError(`topK: k must be an integer in [1, ${c}], got ${k}`);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = labels.values[i];
    const target = scores.values[i * c + label];
    // the label is in the top k if fewer than k classes beat it
    let better = 0;
    for (let j = 0; j < c && better < k; j++) {
      const v = scores.values[i * c + j];
      if (v > target || (v === target && j < label)) better++;
    }
    if (better < k) correct++;
  }
  return correct;
}

/** Fraction of rows whose label is among the k highest scores. */
export function topKAccuracy(scores: Tensor, labels: Tensor, k: number): number {
  return scores.shape[0] === 0 ? 0 : topKCorrect(scores, labels, k) / scores.shape[0];
}

/** Fraction of rows whose highest score is the label. */
export function accuracy(scores: Tensor, labels: Tensor): number {
  return topKAccuracy(scores, labels, 1);
}

/** Counts of (true class, predicted class) pairs, accumulated batch by batch. */
export class ConfusionMatrix {
  readonly counts: Int32Array;

  constructor(readonly numClasses: number, readonly labelNames?: readonly string[]) {
    if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`ConfusionMatrix: numClasses must be a positive integer, got ${numClasses}`);
    this.counts = new Int32Array(numClasses * numClasses);
  }

  /** Add a batch: scores [N, C] (argmax is the prediction) and int32 labels [N]. */
  update(scores: Tensor, labels: Tensor): this {
    const [n, c] = checkScores("ConfusionMatrix.update", scores, labels);
    if (c !== this.numClasses) throw new ShapeError(`ConfusionMatrix.update: scores have ${c} classes, the matrix ${this.numClasses}`);
    const predicted = argmax(scores, 1).values;
    for (let i = 0; i < n; i++) this.counts[labels.values[i] * c + predicted[i]]++;
    return this;
  }

  /** counts[trueClass][predictedClass] */
  get(trueClass: number, predictedClass: number): number {
    return this.counts[trueClass * this.numClasses + predictedClass];
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  accuracy(): number {
    let diagonal = 0;
    for (let i = 0; i < this.numClasses; i++) diagonal += this.get(i, i);
    return this.total === 0 ? 0 : diagonal / this.total;
  }

  /** Recall of each class: correct / how many of that class there were. */
  perClassAccuracy(): number[] {
    return Array.from({ length: this.numClasses }, (_, i) => {
      let row = 0;
      for (let j = 0; j < this.numClasses; j++) row += this.get(i, j);
      return row === 0 ? 0 : this.get(i, i) / row;
    });
  }

  toArray(): number[][] {
    return Array.from({ length: this.numClasses }, (_, i) => Array.from(this.counts.subarray(i * this.numClasses, (i + 1) * this.numClasses)));
  }

  /** A table: rows are true classes, columns predictions. */
  toString(): string {
    const names = this.labelNames ?? Array.from({ length: this.numClasses }, (_, i) => String(i));
    const width = Math.max(5, ...names.map((s) => s.length), ...Array.from(this.counts, (v) => String(v).length)) + 1;
    const cell = (s: string) => s.padStart(width);
    const header = cell("true\\pred") + names.map(cell).join("");
    const rows = this.toArray().map((row, i) => cell(names[i]) + row.map((v) => cell(String(v))).join(""));
    return [header, ...rows].join("\n");
  }
}
