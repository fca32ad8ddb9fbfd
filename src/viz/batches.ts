/** Walking a tensor of samples in batches (so a model sees a few hundred at a time, not one or all), and its smallest value. */
import { Tensor } from "../tensor/index.js";

/** Samples from..from+count of inputs (first axis), copied into a tensor of their own. */
function samples(inputs: Tensor, from: number, count: number): Tensor {
  const size = inputs.shape.slice(1).reduce((a, b) => a * b, 1);
  return new Tensor(inputs.values.slice(from * size, (from + count) * size), [count, ...inputs.shape.slice(1)]);
}

/** fn on each batch of up to batchSize samples of inputs, in order, with the index of its first sample. */
export function forEachBatch(inputs: Tensor, batchSize: number, fn: (batch: Tensor, from: number) => void): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const n = inputs.shape[0];
  for (let from = 0; from < n; from += batchSize) fn(samples(inputs, from, Math.min(batchSize, n - from)), from);
}

/** The smallest value in t: the background of most images, a fill for pixels from outside. */
export function smallestValue(t: Tensor): number {
  let min = Infinity;
  for (let i = 0; i < t.values.length; i++) if (t.values[i] < min) min = t.values[i];
  return min;
}
