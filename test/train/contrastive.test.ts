/** DrLIM: pairs, the verification threshold, and a Siamese LeNet-5 trained by the contrastive loss on MNIST pairs. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, noGrad, optim, tensor } from "../../src/index.js";
import { mnist, samplePairs } from "../../src/data/index.js";
import { lenet5, Siamese } from "../../src/models/index.js";
import { bestThreshold, trainContrastive, verificationAccuracy } from "../../src/train/index.js";

describe("Siamese", () => {
  it("names the shapes of a batch of pairs whose two sides differ", () => {
    const net = new Siamese(lenet5({ numClasses: 2 }));
    assert.throws(() => net.distances(tensor(new Float32Array(2 * 784), [2, 1, 28, 28]), tensor(new Float32Array(3 * 784), [3, 1, 28, 28])), /two sides of a batch of pairs must have the same shape, got \[2, 1, 28, 28\] and \[3, 1, 28, 28\]/);
  });
});

describe("samplePairs", () => {
  it("alternates pairs of one class (distinct samples, label 0) and of two classes (label 1), seeded", () => {
    const labels = [0, 0, 1, 1, 1, 2];
    const pairs = samplePairs(labels, 400, new Generator(3));
    for (let k = 0; k < 400; k++) {
      const [i, j] = [pairs.first[k], pairs.second[k]];
      assert.equal(pairs.dissimilar[k], k % 2);
      if (k % 2 === 0) assert.ok(labels[i] === labels[j] && i !== j, `pair ${k}: ${i}, ${j}`);
      else assert.notEqual(labels[i], labels[j]);
    }
    assert.ok(pairs.first.some((i) => labels[i] === 2), "a class with one sample still appears in dissimilar pairs");
    assert.deepEqual(samplePairs(labels, 10, new Generator(3)), samplePairs(labels, 10, new Generator(3)));
    assert.throws(() => samplePairs([1, 1, 1], 4), /at least two classes, got 1/);
    assert.throws(() => samplePairs([0, 1, 2], 4), /similar pairs need a class with at least two samples/);
    assert.throws(() => samplePairs(labels, 0), /count must be a positive integer, got 0/);
  });
});

describe("verification", () => {
  it("thresholds distances, and the best threshold matches trying every one", () => {
    assert.equal(verificationAccuracy([0.1, 0.5, 0.9, 2], [0, 1, 0, 1], 0.7), 0.5);
    const { threshold, accuracy } = bestThreshold([0.1, 0.2, 0.8, 0.9, 0.3], [0, 0, 1, 1, 1]);
    assert.equal(accuracy, 1);
    assert.ok(threshold > 0.2 && threshold <= 0.3, `threshold ${threshold}`);
    const g = new Generator(5);
    const distances = Array.from({ length: 300 }, () => Math.round(g.uniform() * 40) / 10);
    const labels = distances.map((d) => (g.uniform() < d / 4 ? 1 : 0));
    const brute = Math.max(...[...distances, -1, 5].map((t) => verificationAccuracy(distances, labels, t)));
    const best = bestThreshold(distances, labels);
    assert.equal(best.accuracy, brute);
    assert.equal(verificationAccuracy(distances, labels, best.threshold), best.accuracy);
    assert.throws(() => bestThreshold([1, 2], [0]), /2 distances and 1 labels/);
  });
});

describe("a Siamese LeNet-5 trained by the contrastive loss (DrLIM)", () => {
  it("tells pairs of unseen test digits apart: same-class pairs close, others past the threshold", async () => {
    manualSeed(1);
    const train = await mnist("train", { limit: 3000 });
    const test = await mnist("test", { limit: 1000 });
    const net = new Siamese(lenet5({ numClasses: 2 }));
    const generator = new Generator(2);
    const losses = await trainContrastive(net, train.x, train.y.values, { optimizer: new optim.Adam(net.parameters(), { lr: 0.002 }), pairs: 3000, epochs: 4, generator });
    assert.ok(losses[3] < 0.5 * losses[0], `loss ${losses.map((l) => l.toFixed(3))}`);
    net.eval();
    const pairsOf = (set: typeof train, count: number) => {
      const p = samplePairs(set.y.values, count, generator);
      const d = noGrad(() => net.distances(set.x.indexSelect(0, tensor(p.first)), set.x.indexSelect(0, tensor(p.second)))).values;
      return { d, labels: p.dissimilar };
    };
    const validation = pairsOf(train, 1000);
    const { threshold } = bestThreshold(validation.d, validation.labels);
    const held = pairsOf(test, 1000);
    const accuracy = verificationAccuracy(held.d, held.labels, threshold);
    assert.ok(accuracy > 0.85, `verification accuracy on test pairs ${accuracy}`);
  });
});
