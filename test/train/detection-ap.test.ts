/** VOC average precision: a hand-worked example, an independent Python implementation (test/fixtures/fixtures_detection.py), errors. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { SceneBox } from "../../src/data/index.js";
import { detectionAP, type ScoredBox } from "../../src/train/index.js";
import { assertClose } from "../helpers.js";

const box = ([x1, y1, x2, y2]: number[], label: number): SceneBox => ({ x1, y1, x2, y2, label });
const scored = (corners: number[], label: number, score: number): ScoredBox => ({ ...box(corners, label), score });

describe("detectionAP", () => {
  it("a hand-worked example: a hit, a duplicate, a hit at IoU exactly 0.5, a miss at IoU 0.4", () => {
    const truths = [[box([0, 0, 10, 10], 0), box([50, 50, 60, 60], 1)], [box([20, 20, 24, 30], 0)]];
    const detections = [
      [scored([0, 0, 10, 10], 0, 0.9), scored([1, 0, 10, 10], 0, 0.8), scored([50, 50, 60, 54], 1, 0.6), scored([70, 70, 80, 80], 2, 0.95)],
      [scored([20, 20, 24, 25], 0, 0.7)],
    ];
    // class 0 by score: TP (IoU 1), FP (the same box again), TP (IoU 20/40): precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1
    // → AP = 1/2·1 + 1/2·2/3 = 5/6. Class 1: its one detection overlaps 40/100 < 0.5 → AP 0. Class 2 has no ground truth.
    const { perClass, mAP } = detectionAP(detections, truths);
    assert.deepEqual(perClass.map((c) => [c.label, c.truths, c.detections]), [[0, 2, 3], [1, 1, 1]]);
    assertClose(perClass.map((c) => c.ap), [5 / 6, 0], { atol: 1e-12 });
    assertClose(mAP, 5 / 12, { atol: 1e-12 });
    // at IoU 0.4 the class-1 detection is a hit
    assertClose(detectionAP(detections, truths, { iouThreshold: 0.4 }).perClass[1].ap, 1, { atol: 1e-12 });
  });

  it("matches an independent plain implementation on random scenes with shifted hits, duplicates, misses, confusions and stray boxes", () => {
    interface Stored { box: number[]; label: number; score?: number }
    const cases = JSON.parse(readFileSync(new URL("../../../test/fixtures/detection/voc_ap.json", import.meta.url), "utf8")) as { truths: Stored[][]; detections: Stored[][]; ap: (number | null)[]; mAP: number }[];
    for (const c of cases) {
      const result = detectionAP(c.detections.map((image) => image.map((d) => scored(d.box, d.label, d.score!))), c.truths.map((image) => image.map((t) => box(t.box, t.label))));
      const expected = c.ap.flatMap((ap, label) => (ap === null ? [] : [{ label, ap }]));
      assert.deepEqual(result.perClass.map((p) => p.label), expected.map((e) => e.label));
      assertClose(result.perClass.map((p) => p.ap), expected.map((e) => e.ap), { atol: 1e-9 });
      assertClose(result.mAP, c.mAP, { atol: 1e-9 });
    }
  });

  it("is 1 for perfect detections and falls when a false positive outranks them", () => {
    const truths = [[box([0, 0, 5, 5], 3), box([10, 0, 15, 5], 3)]];
    const perfect = truths.map((image) => image.map((t) => ({ ...t, score: 0.5 })));
    assert.equal(detectionAP(perfect, truths).mAP, 1);
    const withStray = [[...perfect[0], scored([30, 30, 35, 35], 3, 0.9)]];
    assertClose(detectionAP(withStray, truths).mAP, 2 / 3, { atol: 1e-12 }); // precision 0, 1/2, 2/3 → envelope 2/3 over recall 0..1
  });

  it("bad input: image counts, thresholds, reversed boxes, scores, no ground truth", () => {
    const truths = [[box([0, 0, 5, 5], 1)]];
    assert.throws(() => detectionAP([], truths), { name: "RangeError", message: /same images; got 0 and 1 images/ });
    assert.throws(() => detectionAP([[]], truths, { iouThreshold: 1.2 }), /iouThreshold must be in \[0, 1\], got 1.2/);
    assert.throws(() => detectionAP([[scored([5, 0, 2, 5], 1, 0.3)]], truths), /detection 0 of image 0 is \(5, 0, 2, 5\); boxes must be finite with x1 ≤ x2/);
    assert.throws(() => detectionAP([[]], [[box([0, 9, 5, 5], 1)]]), /ground-truth box 0 of image 0/);
    assert.throws(() => detectionAP([[scored([0, 0, 5, 5], 1, NaN)]], truths), /has score NaN/);
    assert.throws(() => detectionAP([[]], [[]]), /no ground-truth box/);
  });
});
