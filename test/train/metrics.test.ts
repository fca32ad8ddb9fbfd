import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor } from "../../src/index.js";
import { accuracy, ConfusionMatrix, topKAccuracy } from "../../src/train/index.js";

const scores = tensor([
  [0.1, 0.7, 0.2], // predicts 1
  [0.5, 0.3, 0.2], // predicts 0
  [0.2, 0.3, 0.5], // predicts 2
  [0.4, 0.4, 0.2], // tie between 0 and 1: argmax takes 0
]);
const labels = tensor([1, 2, 2, 1], { dtype: "int32" });

describe("metrics", () => {
  it("accuracy counts rows whose argmax is the label", () => {
    assert.equal(accuracy(scores, labels), 2 / 4);
  });

  it("top-k accuracy counts the label among the k best", () => {
    // row 1's label 2 is third; row 3's label 1 ties for first but loses the tie to class 0
    assert.equal(topKAccuracy(scores, labels, 2), 3 / 4);
    assert.equal(topKAccuracy(scores, labels, 3), 1);
  });

  it("builds the confusion matrix of true against predicted classes", () => {
    const cm = new ConfusionMatrix(3).update(scores, labels);
    assert.deepEqual(cm.toArray(), [
      [0, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
    ]);
    assert.equal(cm.accuracy(), 0.5);
    assert.deepEqual(cm.perClassAccuracy(), [0, 0.5, 0.5]);
    assert.match(cm.toString(), /true\\pred/);
  });

  it("rejects labels that do not match the scores", () => {
    assert.throws(() => accuracy(scores, tensor([1, 2], { dtype: "int32" })), /labels of shape \[2\] do not match scores of shape \[4, 3\]/);
    assert.throws(() => accuracy(scores, tensor([1, 2, 2, 1])), /int32/);
    assert.throws(() => topKAccuracy(scores, labels, 4), /k must be an integer in \[1, 3\]/);
  });
});
