import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concat, nn, randn, tensor, Tensor } from "../../src/index.js";
import { evaluateDenseLabeller, predictLabels, trainDenseLabeller } from "../../src/train/index.js";

/** Scores that put class 1 wherever the pixel is positive, class 0 elsewhere: a labeller with a known answer. */
class SignLabeller extends nn.Module {
  forward(x: Tensor): Tensor {
    return concat([x.neg(), x], 1);
  }
}

describe("dense labelling: training on crops, predicting and scoring whole images", () => {
  it("predicts the argmax class of every pixel, batch by batch, and scores it against the labels", () => {
    const images = tensor([1, -1, -2, 3, 0.5, -0.5, -1, 1], [2, 1, 2, 2]);
    assert.deepEqual(Array.from(predictLabels(new SignLabeller(), images, 1).values), [1, 0, 0, 1, 1, 0, 0, 1]);
    const labels = tensor(new Int32Array([1, 0, 0, 1, 1, 1, 0, 1]), [2, 2, 2]);
    const scores = evaluateDenseLabeller(new SignLabeller(), images, labels, 2);
    assert.equal(scores.pixelAccuracy, 7 / 8);
    assert.deepEqual(scores.iou, [3 / 4, 4 / 5]); // class 0: 3 right of the 4 pixels either calls 0; class 1: 4 of 5
    assert.deepEqual(scores.confusion.toArray(), [[3, 0], [1, 4]]);
  });

  it("lowers the loss on a map it can learn (a 1×1 convolution telling positive pixels from negative)", () => {
    const images = randn([8, 1, 12, 12]);
    const labels = new Tensor(Int32Array.from(images.values, (v) => (v > 0 ? 1 : 0)), [8, 12, 12]);
    const model = new nn.Conv2d(1, 2, 1);
    const before = evaluateDenseLabeller(model, images, labels, 2).pixelAccuracy;
    const lines: string[] = [];
    trainDenseLabeller(model, images, labels, { steps: 40, batchSize: 4, crop: 8, lr: 0.05, print: (l) => lines.push(l), printEvery: 20 });
    assert.equal(lines.length, 2);
    assert.match(lines[1], /^step 40\/40: loss \d/);
    const after = evaluateDenseLabeller(model, images, labels, 2).pixelAccuracy;
    assert.ok(after > 0.97 && after > before, `pixel accuracy ${before} → ${after}`);
  });

  it("rejects labels that do not fit the images, crops larger than them and bad step counts, naming them", () => {
    const images = randn([2, 1, 8, 8]);
    const labels = tensor(new Int32Array(128), [2, 8, 8]);
    const model = new nn.Conv2d(1, 2, 1);
    assert.throws(() => trainDenseLabeller(model, images, tensor(new Int32Array(64), [1, 8, 8]), { steps: 1 }), /images must be \[N, C, H, W\] and labels \[N, H, W\] to match; got \[2, 1, 8, 8\] and \[1, 8, 8\]/);
    assert.throws(() => trainDenseLabeller(model, images, tensor(new Float32Array(128), [2, 8, 8]), { steps: 1, crop: 8 }), /labels must be int32 classes, got float32/);
    assert.throws(() => trainDenseLabeller(model, images, labels, { steps: 1, crop: 9 }), /crop must be an integer from 1 to the image side 8, got 9/);
    assert.throws(() => trainDenseLabeller(model, images, labels, { steps: 0, crop: 8 }), /steps must be a positive integer, got 0/);
    assert.throws(() => evaluateDenseLabeller(model, images, labels.narrow(1, 0, 4), 2), /evaluateDenseLabeller: images must be/);
  });
});
