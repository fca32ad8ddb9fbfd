import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, randn, tensor } from "../../src/index.js";
import { digitScenes, mnist, SCENE_BACKGROUND, selectClasses } from "../../src/data/index.js";
import { SceneParser } from "../../src/models/index.js";
import { evaluateDenseLabeller, trainDenseLabeller } from "../../src/train/index.js";

const small = { widths: [4, 6, 8], hidden: 8 } as const;

describe("SceneParser (Farabet et al.'s multi-scale convnet)", () => {
  it("labels every pixel: scores [N, classes, H, W] for any image size", () => {
    const parser = new SceneParser(small);
    assert.deepEqual(parser.forward(randn([2, 1, 40, 36])).shape, [2, 11, 40, 36]);
    assert.deepEqual(new SceneParser({ ...small, classes: 4, channels: 3, scales: 2 }).forward(randn([1, 3, 17, 23])).shape, [1, 4, 17, 23]);
  });

  it("holds one convnet for all scales: more scales add only the classifier's per-scale 1×1 weights", () => {
    const count = (scales: number) => new SceneParser({ ...small, scales }).parameters().reduce((n, p) => n + p.size, 0);
    const convnet = new SceneParser({ ...small, scales: 3 }).features.parameters().reduce((n, p) => n + p.size, 0);
    assert.equal(convnet, (2 * 25 * 4 + 4) + (4 * 25 * 6 + 6) + (6 * 25 * 8 + 8));
    // each scale beyond the first adds an 8 → 8 projection, nothing else
    assert.equal(count(3) - count(1), 2 * 8 * 8);
    const parser = new SceneParser(small);
    const names = parser.namedParameters().map(([name]) => name);
    assert.deepEqual(names.filter((n) => n.startsWith("features.")), ["features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias", "features.6.weight", "features.6.bias"]);
  });

  it("sends gradients to the shared weights from every scale, and sums them", () => {
    manualSeed(3);
    const parser = new SceneParser(small);
    const x = randn([1, 1, 32, 32]);
    const weight = parser.features.parameters()[0];
    const perScale = parser.scaleFeatures(x).map((maps, s) => {
      parser.zeroGrad();
      parser.scaleFeatures(x)[s].sum().backward();
      assert.deepEqual(maps.shape, [1, 8, 32 >> (s + 2), 32 >> (s + 2)]);
      return Float64Array.from(weight.grad!.values);
    });
    perScale.forEach((g, s) => assert.ok(g.some((v) => v !== 0), `no gradient from scale ${s}`));
    parser.zeroGrad();
    parser.scaleFeatures(x).reduce((a, b) => a.sum().add(b.sum())).backward();
    weight.grad!.values.forEach((v, i) => assert.ok(Math.abs(v - (perScale[0][i] + perScale[1][i] + perScale[2][i])) < 1e-3 * (1 + Math.abs(v))));
  });

  it("after brief training on a few scenes, labels held-out scenes better than calling everything background", async () => {
    manualSeed(1);
    // zeros and ones only, small scenes: a real version of the example sized for a test
    const options = { size: 40, digits: [1, 2], scale: [0.7, 1.1], clutter: 1 } as const;
    const train = digitScenes(selectClasses(await mnist("train", { limit: 2000 }), [0, 1]), { ...options, count: 60, seed: 1 });
    const held = digitScenes(selectClasses(await mnist("test", { limit: 500 }), [0, 1]), { ...options, count: 20, seed: 2 });
    const parser = new SceneParser(small);
    const classWeight = tensor(Float32Array.from({ length: 11 }, (_, k) => (k === SCENE_BACKGROUND ? 0.2 : 1)));
    trainDenseLabeller(parser, train.images, train.labels, { steps: 80, batchSize: 6, crop: 32, lr: 1e-2, classWeight });
    const scores = evaluateDenseLabeller(parser, held.images, held.labels, 11);
    const background = held.labels.values.filter((v) => v === SCENE_BACKGROUND).length / held.labels.size;
    assert.ok(scores.pixelAccuracy > background + 0.02, `pixel accuracy ${scores.pixelAccuracy} vs all-background ${background}`);
    assert.ok(scores.iou[0] + scores.iou[1] > 0.6, `IoU of 0s ${scores.iou[0]}, of 1s ${scores.iou[1]}`);
  });

  it("rejects bad options and inputs, naming them", () => {
    assert.throws(() => new SceneParser({ scales: 0 }), /SceneParser: scales must be a positive integer, got 0/);
    assert.throws(() => new SceneParser({ widths: [8, 2.5] }), /widths\[1\] must be a positive integer, got 2.5/);
    assert.throws(() => new SceneParser({ widths: [] }), /widths must name at least one/);
    assert.throws(() => new SceneParser(small).forward(randn([1, 32, 32])), /expected images \[N, C, H, W\], got shape \[1, 32, 32\]/);
  });
});
