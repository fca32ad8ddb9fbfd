import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { tensor } from "../../src/index.js";
import { ConfusionMatrix, labelConfusion, segmentationScores } from "../../src/train/index.js";
import { decode, type EncodedTensor } from "../nn/fixture.js";

interface MetricCase {
  name: string;
  target: EncodedTensor;
  predicted: EncodedTensor;
  confusion: number[][];
  pixelAccuracy: number;
  iou: (number | null)[];
  meanIoU: number;
  present: number[];
}

const cases = JSON.parse(readFileSync(new URL("../../../test/fixtures/segmentation/metrics.json", import.meta.url), "utf8")) as MetricCase[];
const CLASSES = 11;

describe("pixel metrics (labelConfusion, segmentationScores)", () => {
  for (const c of cases) {
    it(`match scikit-learn's confusion_matrix, accuracy_score and jaccard_score: ${c.name}`, () => {
      const confusion = labelConfusion(decode(c.predicted), decode(c.target), CLASSES);
      assert.deepEqual(confusion.toArray(), c.confusion);
      const scores = segmentationScores(confusion);
      assert.ok(Math.abs(scores.pixelAccuracy - c.pixelAccuracy) < 1e-12);
      assert.ok(Math.abs(scores.meanIoU - c.meanIoU) < 1e-12, `mean IoU ${scores.meanIoU} vs ${c.meanIoU}`);
      assert.deepEqual(scores.present, c.present);
      scores.iou.forEach((v, k) => (c.iou[k] === null ? assert.ok(Number.isNaN(v), `class ${k}`) : assert.ok(Math.abs(v - c.iou[k]!) < 1e-12, `class ${k}`)));
    });
  }

  it("accumulates batches into one matrix: two halves count as the whole", () => {
    const [predicted, target] = [decode(cases[0].predicted), decode(cases[0].target)];
    const into = new ConfusionMatrix(CLASSES);
    labelConfusion(predicted.narrow(0, 0, 1), target.narrow(0, 0, 1), CLASSES, into);
    labelConfusion(predicted.narrow(0, 1, 2), target.narrow(0, 1, 2), CLASSES, into);
    assert.deepEqual(into.toArray(), cases[0].confusion);
  });

  it("rejects mismatched shapes, float maps and labels out of range, naming them", () => {
    const maps = tensor(new Int32Array([0, 1, 2, 10]), [1, 2, 2]);
    assert.throws(() => labelConfusion(maps, tensor(new Int32Array(6), [1, 2, 3]), CLASSES), /predicted \[1, 2, 2\] and target \[1, 2, 3\] must have the same shape/);
    assert.throws(() => labelConfusion(tensor([0, 1, 2, 3], [1, 2, 2]), maps, CLASSES), /predicted must be an int32 label map, got float32/);
    assert.throws(() => labelConfusion(maps, tensor(new Int32Array([0, 11, 2, 3]), [1, 2, 2]), CLASSES), /target label 11 at flat position 1 is outside \[0, 10\]/);
    assert.throws(() => labelConfusion(tensor(new Int32Array([0, 1, -1, 3]), [1, 2, 2]), maps, CLASSES), /predicted label -1 at flat position 2/);
    assert.throws(() => labelConfusion(maps, maps, CLASSES, new ConfusionMatrix(5)), /into has 5 classes, numClasses is 11/);
  });
});
