/** Datasets: indexable collections of (x, y) samples, and the ways to cut them up. */
import { stack } from "../ops/index.js";
import { allocate, defaultGenerator, fmtShape, Generator, ShapeError, sizeOf, Tensor } from "../tensor/index.js";

/** One sample, or a batch of them stacked along a new first axis. */
export interface Sample {
  x: Tensor;
  y: Tensor;
}

/** Anything a DataLoader can draw from. */
export interface Dataset {
  readonly length: number;
  get(index: number): Sample;
  /** Optional fast path: the samples at `indices` already stacked (what stacking get(i) would give). */
  getBatch?(indices: Int32Array): Sample;
}

/** The samples at `indices`, stacked: through the dataset's getBatch when it has one. */
export function fetchBatch(dataset: Dataset, indices: Int32Array): Sample {
  if (dataset.getBatch) return dataset.getBatch(indices);
  const samples = Array.from(indices, (i) => dataset.get(i));
  return { x: stack(samples.map((s) => s.x)), y: stack(samples.map((s) => s.y)) };
}

/**
 * Samples held in two tensors whose first axis indexes them: sample i is (x[i], y[i]).
 * Values are used as data (no gradients flow to them). get(i) returns views sharing storage.
 */
export class TensorDataset implements Dataset {
  constructor(
    readonly x: Tensor,
    readonly y: Tensor,
  ) {
    if (x.ndim === 0 || y.ndim === 0 || x.shape[0] !== y.shape[0]) {
      throw new ShapeError(
        `TensorDataset: x has shape ${fmtShape(x.shape)} and y has shape ${fmtShape(y.shape)}; both need a first axis of the same length (the samples)`,
      );
    }
  }

  get length(): number {
    return this.x.shape[0];
  }

  get(index: number): Sample {
    checkIndex("TensorDataset.get", index, this.length);
    return { x: row(this.x, index), y: row(this.y, index) };
  }

  getBatch(indices: Int32Array): Sample {
    indices.forEach((i) => checkIndex("TensorDataset.getBatch", i, this.length));
    return { x: takeRows(this.x, indices), y: takeRows(this.y, indices) };
  }
}

function row(t: Tensor, i: number): Tensor {
  const rowShape = t.shape.slice(1);
  const n = sizeOf(rowShape);
  return new Tensor(t.values.subarray(i * n, (i + 1) * n), rowShape);
}

function takeRows(t: Tensor, indices: Int32Array): Tensor {
  const n = sizeOf(t.shape.slice(1));
  const out = allocate(t.dtype, indices.length * n);
  indices.forEach((src, dst) => out.set(t.values.subarray(src * n, (src + 1) * n), dst * n));
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
}

function checkIndex(op: string, index: number, length: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`${op}: index ${index} is out of range for a dataset of ${length} samples`);
  }
  return index;
}

/** The samples of `dataset` at `indices`, in that order, as a dataset of its own. */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const map = Int32Array.from(indices, (i) => checkIndex("subset", i, dataset.length));
  const parentBatch = dataset.getBatch?.bind(dataset);
  return {
    length: map.length,
    get: (i) => dataset.get(map[checkIndex("subset.get", i, map.length)]),
    getBatch: parentBatch && ((ix) => parentBatch(ix.map((i) => map[checkIndex("subset.getBatch", i, map.length)]))),
  };
}

/**
 * Splits a dataset at random into non-overlapping subsets (e.g. training and validation), as
 * torch.utils.data.random_split: `lengths` are sample counts summing to the dataset's length, or
 * fractions summing to 1 (each floored; the samples left over go one each to the first subsets).
 */
export function randomSplit(dataset: Dataset, lengths: readonly number[], generator: Generator = defaultGenerator): Dataset[] {
  const counts = splitCounts(dataset.length, lengths);
  const order = generator.permutation(dataset.length);
  const parts: Dataset[] = [];
  let start = 0;
  for (const count of counts) {
    parts.push(subset(dataset, order.subarray(start, start + count)));
    start += count;
  }
  return parts;
}

function splitCounts(total: number, lengths: readonly number[]): number[] {
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (lengths.every((l) => Number.isInteger(l) && l >= 0) && sum === total) return [...lengths];
  if (lengths.every((l) => l >= 0 && l <= 1) && Math.abs(sum - 1) < 1e-9) {
    const counts = lengths.map((f) => Math.floor(total * f));
    const left = total - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < left; i++) counts[i % counts.length] += 1;
    return counts;
  }
  throw new RangeError(
    `randomSplit: lengths [${lengths.join(", ")}] sum to ${sum}, but the dataset has ${total} samples; give counts summing to ${total} or fractions summing to 1`,
  );
}
