/** DataLoader: a dataset cut into batches, in order or in a seeded random order per epoch. */
import { defaultGenerator, Generator } from "../tensor/index.js";
import { fetchBatch, type Dataset, type Sample } from "./dataset.js";

export interface DataLoaderOptions {
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Visit the samples in a fresh random order each epoch (default false). */
  shuffle?: boolean;
  /** Leave out the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** The seed of the shuffling; with the same seed, epoch k always has the same order. */
  seed?: number;
  /** Without a seed, a shuffling loader draws one from this generator (default: the global one, see manualSeed). */
  generator?: Generator;
  /** Applied to every batch before it is handed out (e.g. augmentation). */
  transform?: (batch: Sample) => Sample;
}

/**
 * Iterating a DataLoader runs one epoch: `for (const { x, y } of loader) { … }`. Each iteration
 * starts the next epoch (0, 1, 2, …). With shuffle, epoch k's order depends only on the seed
 * and k — not on what ran before — so a resumed run calls setEpoch(k) and sees the same order
 * as the original run did in epoch k.
 */
export class DataLoader implements Iterable<Sample> {
  readonly dataset: Dataset;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  /** The shuffling seed (given, or drawn from the generator); pass it back to reproduce the run. */
  readonly seed: number;
  private readonly transform?: (batch: Sample) => Sample;
  private nextEpoch = 0;

  constructor(dataset: Dataset, options: DataLoaderOptions = {}) {
    const { batchSize = 1, shuffle = false, dropLast = false, seed, generator, transform } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`);
    if (seed !== undefined && generator !== undefined) throw new TypeError("DataLoader: pass either seed or generator, not both");
    if (seed !== undefined && !Number.isFinite(seed)) throw new TypeError(`DataLoader: seed must be a finite number, got ${seed}`);
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    // Only a shuffling loader draws a seed, so that making one that does not leaves the global stream alone.
    this.seed = seed ?? (shuffle ? (generator ?? defaultGenerator).nextUint32() : 0);
    this.transform = transform;
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length / this.batchSize;
    return this.dropLast ? Math.floor(n) : Math.ceil(n);
  }

  /** The epoch the next iteration will run. */
  get epoch(): number {
    return this.nextEpoch;
  }

  /** Make the next iteration run epoch `epoch` (to resume a run). */
  setEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`DataLoader.setEpoch: epoch must be a non-negative integer, got ${epoch}`);
    this.nextEpoch = epoch;
  }

  /** The order in which epoch `epoch` visits the samples. */
  order(epoch: number = this.nextEpoch): Int32Array {
    const n = this.dataset.length;
    if (!this.shuffle) return Int32Array.from({ length: n }, (_, i) => i);
    return new Generator(epochSeed(this.seed, epoch)).permutation(n);
  }

  [Symbol.iterator](): Iterator<Sample> {
    const order = this.order(this.nextEpoch);
    this.nextEpoch += 1;
    return this.batches(order);
  }

  private *batches(order: Int32Array): IterableIterator<Sample> {
    for (let b = 0; b < this.length; b++) {
      const batch = fetchBatch(this.dataset, order.subarray(b * this.batchSize, (b + 1) * this.batchSize));
      yield this.transform ? this.transform(batch) : batch;
    }
  }
}

/**
 * A 32-bit seed for one epoch, hashed from the loader's seed and the epoch number (a murmur3-style
 * finaliser). For a fixed loader seed, distinct epochs get distinct seeds.
 */
function epochSeed(seed: number, epoch: number): number {
  let h = new Generator(seed).nextUint32() ^ epoch;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
