import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DataLoader, randomSplit, subset, TensorDataset, type Dataset } from "../../src/data/index.js";
import { arange, defaultGenerator, Generator, manualSeed, ShapeError, tensor } from "../../src/index.js";
import { assertShape } from "../helpers.js";

/** Ten samples: x[i] = [2i, 2i + 1], y[i] = i, so a batch shows which samples it holds. */
function tenSamples(): TensorDataset {
  return new TensorDataset(arange(20).reshape([10, 2]).float(), arange(10).int());
}

/** The labels of every batch of one epoch, after checking each x row matches its label. */
function epochLabels(loader: DataLoader): number[][] {
  return Array.from(loader, ({ x, y }) => {
    const labels = Array.from(y.values);
    assert.deepEqual(Array.from(x.values), labels.flatMap((i) => [2 * i, 2 * i + 1]));
    return labels;
  });
}

describe("TensorDataset", () => {
  it("indexes samples along the first axis", () => {
    const ds = tenSamples();
    assert.equal(ds.length, 10);
    const { x, y } = ds.get(3);
    assertShape(x, [2]);
    assertShape(y, []);
    assert.deepEqual([...x.values], [6, 7]);
    assert.equal(y.itemSync(), 3);
  });

  it("checks lengths and indices, naming the shapes", () => {
    assert.throws(() => new TensorDataset(tensor([[1], [2], [3]]), tensor([1, 2])), (e: unknown) => e instanceof ShapeError && /x has shape \[3, 1\] and y has shape \[2\]/.test(e.message));
    assert.throws(() => tenSamples().get(10), /index 10 is out of range for a dataset of 10 samples/);
  });
});

describe("DataLoader", () => {
  it("covers every sample once per epoch, in order, with a smaller last batch", () => {
    const loader = new DataLoader(tenSamples(), { batchSize: 3 });
    assert.equal(loader.length, 4);
    assert.deepEqual(epochLabels(loader), [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    const batch = loader[Symbol.iterator]().next().value!;
    assertShape(batch.x, [3, 2]);
    assertShape(batch.y, [3]);
  });

  it("drops the last partial batch with dropLast", () => {
    const loader = new DataLoader(tenSamples(), { batchSize: 3, dropLast: true });
    assert.equal(loader.length, 3);
    assert.deepEqual(epochLabels(loader).map((b) => b.length), [3, 3, 3]);
    assert.equal(new DataLoader(tenSamples(), { batchSize: 5, dropLast: true }).length, 2);
  });

  it("shuffles reproducibly from a seed, differently each epoch, covering every sample", () => {
    const a = new DataLoader(tenSamples(), { batchSize: 4, shuffle: true, seed: 7 });
    const b = new DataLoader(tenSamples(), { batchSize: 4, shuffle: true, seed: 7 });
    const a0 = epochLabels(a).flat();
    const a1 = epochLabels(a).flat();
    assert.deepEqual(epochLabels(b).flat(), a0);
    assert.deepEqual(epochLabels(b).flat(), a1);
    assert.notDeepEqual(a0, a1);
    assert.notDeepEqual(a0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual([...a0].sort((p, q) => p - q), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual([...a1].sort((p, q) => p - q), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const other = new DataLoader(tenSamples(), { batchSize: 4, shuffle: true, seed: 8 });
    assert.notDeepEqual(epochLabels(other).flat(), a0);
  });

  it("replays epoch k after setEpoch(k), as a resumed run needs", () => {
    const run = new DataLoader(tenSamples(), { batchSize: 4, shuffle: true, seed: 3 });
    const epochs = [epochLabels(run), epochLabels(run), epochLabels(run)];
    assert.equal(run.epoch, 3);
    const resumed = new DataLoader(tenSamples(), { batchSize: 4, shuffle: true, seed: run.seed });
    resumed.setEpoch(2);
    assert.deepEqual(epochLabels(resumed), epochs[2]);
    assert.deepEqual([...resumed.order(1)], epochs[1].flat());
  });

  it("draws its seed from a generator, or from the global one after manualSeed", () => {
    const fromGen = (seed: number) => epochLabels(new DataLoader(tenSamples(), { shuffle: true, generator: new Generator(seed) })).flat();
    assert.deepEqual(fromGen(1), fromGen(1));
    const fromGlobal = () => {
      manualSeed(11);
      return epochLabels(new DataLoader(tenSamples(), { shuffle: true })).flat();
    };
    assert.deepEqual(fromGlobal(), fromGlobal());
    const before = defaultGenerator.getState();
    void new DataLoader(tenSamples(), { batchSize: 2 });
    assert.deepEqual(defaultGenerator.getState(), before, "a loader that does not shuffle draws nothing");
  });

  it("stacks get(i) for datasets without getBatch, and applies the transform", () => {
    const full = tenSamples();
    const plain: Dataset = { length: full.length, get: (i) => full.get(i) };
    const loader = new DataLoader(plain, { batchSize: 4, transform: ({ x, y }) => ({ x: x.mul(10), y }) });
    const first = loader[Symbol.iterator]().next().value!;
    assertShape(first.x, [4, 2]);
    assert.deepEqual([...first.x.values], [0, 10, 20, 30, 40, 50, 60, 70]);
    assert.deepEqual([...first.y.values], [0, 1, 2, 3]);
  });

  it("rejects a bad batch size and a seed given twice", () => {
    assert.throws(() => new DataLoader(tenSamples(), { batchSize: 0 }), /batchSize must be a positive integer, got 0/);
    assert.throws(() => new DataLoader(tenSamples(), { seed: 1, generator: new Generator(1) }), /either seed or generator/);
  });
});

describe("subset and randomSplit", () => {
  it("subset picks samples in the given order and keeps the batch fast path", () => {
    const part = subset(tenSamples(), [7, 2, 5]);
    assert.equal(part.length, 3);
    assert.equal(part.get(1).y.itemSync(), 2);
    assert.deepEqual([...part.getBatch!(Int32Array.from([2, 0])).y.values], [5, 7]);
    assert.throws(() => subset(tenSamples(), [10]), /subset: index 10 is out of range/);
  });

  it("randomSplit partitions the samples, reproducibly from a generator", () => {
    const labels = (ds: Dataset) => Array.from({ length: ds.length }, (_, i) => ds.get(i).y.itemSync());
    const [train, valid] = randomSplit(tenSamples(), [7, 3], new Generator(5));
    assert.equal(train.length, 7);
    assert.equal(valid.length, 3);
    assert.deepEqual([...labels(train), ...labels(valid)].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const again = randomSplit(tenSamples(), [7, 3], new Generator(5));
    assert.deepEqual(labels(again[1]), labels(valid));
  });

  it("randomSplit takes fractions, giving leftovers to the first parts", () => {
    assert.deepEqual(randomSplit(tenSamples(), [0.8, 0.2]).map((d) => d.length), [8, 2]);
    assert.deepEqual(randomSplit(tenSamples(), [1 / 3, 1 / 3, 1 / 3]).map((d) => d.length), [4, 3, 3]);
    assert.throws(() => randomSplit(tenSamples(), [5, 4]), /lengths \[5, 4\] sum to 9, but the dataset has 10 samples/);
  });
});
