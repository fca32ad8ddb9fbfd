/** Exact k-nearest neighbours by squared Euclidean distance, for Barnes–Hut t-SNE's sparse affinities. */
import { squaredDistance, type Points } from "./tsne-input.js";

export interface Neighbors {
  k: number;
  /** Row-major [n, k]: the neighbours of point i (never i itself), in no particular order. */
  indices: Int32Array;
  /** Row-major [n, k]: their squared distances from point i. */
  distances: Float64Array;
}

/**
 * The k nearest other points of every point, by brute force: each pair's distance is computed once
 * and offered to both points' bounded max-heaps. O(N²·D), which for the sizes t-SNE is run on
 * (2,000 points of 84 features: 0.3 s) costs less than the optimisation that follows; a
 * vantage-point tree would pay off only for far larger N.
 */
export function nearestNeighbors({ values, n, d }: Points, k: number): Neighbors {
  if (!Number.isInteger(k) || k < 1 || k > n - 1) throw new RangeError(`nearestNeighbors: k must be an integer in [1, ${n - 1}] for ${n} points, got ${k}`);
  const heaps = new BoundedMaxHeaps(n, k);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const squared = squaredDistance(values, i, j, d);
      heaps.offer(i, j, squared);
      heaps.offer(j, i, squared);
    }
  }
  return { k, indices: heaps.items, distances: heaps.keys };
}

/** n max-heaps of at most k (key, item) pairs each, side by side in two typed arrays; each keeps its k smallest keys. */
class BoundedMaxHeaps {
  readonly keys: Float64Array;
  readonly items: Int32Array;
  private readonly sizes: Int32Array;

  constructor(n: number, private readonly k: number) {
    this.keys = new Float64Array(n * k);
    this.items = new Int32Array(n * k);
    this.sizes = new Int32Array(n);
  }

  offer(heap: number, item: number, key: number): void {
    const base = heap * this.k;
    const size = this.sizes[heap];
    if (size < this.k) {
      this.sizes[heap] = size + 1;
      this.siftUp(base, size, item, key);
    } else if (key < this.keys[base]) {
      this.siftDown(base, item, key);
    }
  }

  /** Puts (key, item) at slot `at` of the heap at `base` and moves it up while its parent's key is smaller. */
  private siftUp(base: number, at: number, item: number, key: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keys[base + parent] >= key) break;
      this.keys[base + at] = this.keys[base + parent];
      this.items[base + at] = this.items[base + parent];
      at = parent;
    }
    this.keys[base + at] = key;
    this.items[base + at] = item;
  }

  /** Replaces the root (the largest key) of a full heap with (key, item) and restores the heap order. */
  private siftDown(base: number, item: number, key: number): void {
    const k = this.k;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= k) break;
      if (child + 1 < k && this.keys[base + child + 1] > this.keys[base + child]) child++;
      if (this.keys[base + child] <= key) break;
      this.keys[base + at] = this.keys[base + child];
      this.items[base + at] = this.items[base + child];
      at = child;
    }
    this.keys[base + at] = key;
    this.items[base + at] = item;
  }
}
