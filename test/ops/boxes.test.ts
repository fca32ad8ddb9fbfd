/** Box ops: IoU and non-maximum suppression against torchvision (test/fixtures/fixtures_detection.py), by hand, gradients, errors. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { batchedNms, boxIou, nms, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { assertGradcheck } from "./gradcheck.js";

interface IouCase {
  a: number[][];
  b: number[][];
  iou: number[][];
  gradOutput?: number[][];
  gradA?: number[][];
  gradB?: number[][];
}
interface NmsCase {
  boxes: number[][];
  scores: number[];
  classes: number[];
  iouThreshold: number;
  nms: number[];
  batchedNms: number[];
}
const fixture = JSON.parse(readFileSync(new URL("../../../test/fixtures/detection/box_ops.json", import.meta.url), "utf8")) as { iou: IouCase[]; nms: NmsCase[] };
const boxes = (rows: number[][], options: { requiresGrad?: boolean } = {}): Tensor => tensor(rows.flat(), [rows.length, 4], options);

describe("boxIou", () => {
  it("matches torchvision's box_iou, with empty, nested, touching and repeated boxes (two empty boxes: 0 where torchvision has NaN)", () => {
    const [c] = fixture.iou;
    assertClose(boxIou(boxes(c.a), boxes(c.b)), c.iou.flat());
  });

  it("a box half-covered: [0,0,4,1] and [0,0,2,1] have IoU exactly 1/2; disjoint boxes 0; a box with itself 1", () => {
    const iou = boxIou(boxes([[0, 0, 4, 1], [10, 10, 12, 13]]), boxes([[0, 0, 2, 1], [10, 10, 12, 13]]));
    assert.deepEqual(Array.from(iou.values), [0.5, 0, 0, 1]);
  });

  it("has torchvision's gradient with respect to both sets of corners", () => {
    const c = fixture.iou[1];
    const a = boxes(c.a, { requiresGrad: true });
    const b = boxes(c.b, { requiresGrad: true });
    const out = boxIou(a, b);
    assertClose(out, c.iou!.flat());
    out.backward(tensor(c.gradOutput!.flat(), out.shape));
    assertClose(a.grad!, c.gradA!.flat(), { atol: 1e-5 });
    assertClose(b.grad!, c.gradB!.flat(), { atol: 1e-5 });
  });

  it("passes a finite-difference gradient check", () => {
    // overlapping boxes away from the kinks (no shared edges), in float64
    const a = tensor([[0, 0, 4.3, 3.1], [1.2, 0.5, 6.1, 2.9]], [2, 4], { dtype: "float64" });
    const b = tensor([[2.1, 1.4, 5.2, 4.7], [0.3, 0.2, 3.6, 2.2], [0.9, 1.1, 1.7, 2.4]], [3, 4], { dtype: "float64" });
    assertGradcheck(boxIou, [a, b]);
  });
});

describe("nms and batchedNms", () => {
  it(`match torchvision's nms and batched_nms on ${fixture.nms.length} cases: 0 to 60 boxes, tied scores, empty and repeated boxes, thresholds 0 to 1`, () => {
    for (const c of fixture.nms) {
      const b = boxes(c.boxes);
      const s = tensor(c.scores, [c.scores.length]);
      const what = `${c.boxes.length} boxes, threshold ${c.iouThreshold}`;
      assert.deepEqual(Array.from(nms(b, s, c.iouThreshold).values), c.nms, `nms, ${what}`);
      const classes = tensor(c.classes, [c.classes.length], { dtype: "int32" });
      assert.deepEqual(Array.from(batchedNms(b, s, classes, c.iouThreshold).values), c.batchedNms, `batchedNms, ${what}`);
    }
  });

  it("by hand: a box overlapping the best by more than the threshold goes, one of another class or farther stays", () => {
    // IoU(0, 1) = 0.5 exactly: suppressed at 0.25, kept at 0.5 (suppression needs IoU > threshold)
    const b = boxes([[0, 0, 4, 1], [0, 0, 2, 1], [5, 0, 6, 1]]);
    const s = tensor([0.9, 0.8, 0.7]);
    assert.deepEqual(Array.from(nms(b, s, 0.25).values), [0, 2]);
    assert.deepEqual(Array.from(nms(b, s, 0.5).values), [0, 1, 2]);
    const kept = batchedNms(b, s, tensor([3, 1, 3], [3], { dtype: "int32" }), 0.25);
    assert.deepEqual(Array.from(kept.values), [0, 1, 2]);
    assert.equal(kept.dtype, "int32");
    // scores decide the order, not the position
    assert.deepEqual(Array.from(nms(b, tensor([0.1, 0.8, 0.7]), 0.25).values), [1, 2]);
  });
});

describe("box ops: bad input", () => {
  const good = boxes([[0, 0, 2, 2], [1, 1, 3, 3]]);
  const scores = tensor([0.5, 0.4]);
  it("names the row of a box with x2 < x1 or y2 < y1", () => {
    assert.throws(() => nms(boxes([[0, 0, 2, 2], [3, 1, 2, 4]]), scores, 0.5), { name: "RangeError", message: /nms: boxes row 1 is \(3, 1, 2, 4\); boxes must have x1 ≤ x2 and y1 ≤ y2/ });
    assert.throws(() => boxIou(good, boxes([[0, 5, 1, 4]])), { name: "RangeError", message: /boxIou: b row 0/ });
  });
  it("rejects an IoU threshold outside [0, 1]", () => {
    for (const t of [-0.1, 1.5, NaN]) assert.throws(() => nms(good, scores, t), { name: "RangeError", message: /nms: iouThreshold must be in \[0, 1\], got/ });
    assert.throws(() => batchedNms(good, scores, tensor([0, 0], [2], { dtype: "int32" }), 2), /batchedNms: iouThreshold/);
  });
  it("rejects boxes that are not [N, 4], and scores or classes of another length", () => {
    assert.throws(() => boxIou(tensor([1, 2, 3], [1, 3]), good), /boxIou: a must be \[N, 4\] rows \(x1, y1, x2, y2\), got \[1, 3\]/);
    assert.throws(() => nms(good, tensor([0.5, 0.4, 0.3]), 0.5), /nms: scores must hold one score per box, \[2\], got \[3\]/);
    assert.throws(() => batchedNms(good, scores, tensor([0], [1], { dtype: "int32" }), 0.5), /batchedNms: classes must hold one class per box, \[2\], got \[1\]/);
    assert.throws(() => batchedNms(good, scores, tensor([0, 1]), 0.5), { name: "TypeError", message: /classes must be int32/ });
  });
});
