/** A classification dataset cut down to some of its classes, relabelled 0…k−1 (for transfer learning). */
import { Tensor } from "../tensor/index.js";
import { TensorDataset } from "./dataset.js";

export interface SelectClassesOptions {
  /** Keep at most this many samples (the first ones found, in dataset order). */
  limit?: number;
}

/**
 * The samples of `dataset` whose int32 label is one of `classes`, with label classes[j] becoming j.
 * `selectClasses(mnistTrain, [5, 6, 7, 8, 9])` gives the digits 5–9 labelled 0–4.
 */
export function selectClasses(dataset: TensorDataset, classes: readonly number[], { limit = Infinity }: SelectClassesOptions = {}): TensorDataset {
  if (dataset.y.dtype !== "int32" || dataset.y.ndim !== 1) {
    throw new TypeError(`selectClasses: labels must be a 1-D int32 tensor, got ${dataset.y.dtype} of ${dataset.y.ndim} dimension(s)`);
  }
  const newLabel = new Map(classes.map((c, j) => [c, j]));
  if (newLabel.size !== classes.length) throw new RangeError(`selectClasses: classes [${classes.join(", ")}] repeat a class`);
  const picked: number[] = [];
  const labels = dataset.y.values;
  for (let i = 0; i < labels.length && picked.length < limit; i++) if (newLabel.has(labels[i])) picked.push(i);
  const batch = dataset.getBatch(Int32Array.from(picked));
  const y = Int32Array.from(picked, (i) => newLabel.get(labels[i])!);
  return new TensorDataset(batch.x, new Tensor(y, [y.length]));
}
