/**
 * Boxes for detection, as torchvision.ops has them: pairwise intersection over union, and
 * non-maximum suppression (greedy, by decreasing score), plain and per class. Boxes are rows
 * (x1, y1, x2, y2) with x1 ≤ x2 and y1 ≤ y2; a box's area is (x2 − x1)·(y2 − y1), as in torchvision
 * (not VOC's inclusive-pixel +1).
 */
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { add, div, maximum, minimum, mul, sub } from "./arithmetic.js";
import { tensor } from "./creation.js";
import { clamp } from "./math.js";
import { reshape, unsqueeze } from "./shape.js";
import { narrow } from "./slice.js";

/** The smallest normal float32: a union no larger is empty, and its IoU is 0 (torchvision gives 0/0 = NaN). */
const EMPTY_UNION = 1.1754944e-38;

/**
 * IoU of every box of `a` [N, 4] with every box of `b` [M, 4]: [N, M]. Written with ops, so it is
 * differentiable in the coordinates. Two empty boxes (zero area) have IoU 0.
 */
export function boxIou(a: Tensor, b: Tensor): Tensor {
  checkBoxes("boxIou", "a", a);
  checkBoxes("boxIou", "b", b);
  const column = (t: Tensor, k: number) => narrow(t, 1, k, 1); // [N, 1]
  const row = (t: Tensor, k: number) => unsqueeze(reshape(narrow(t, 1, k, 1), [t.shape[0]]), 0); // [1, M]
  const width = clamp(sub(minimum(column(a, 2), row(b, 2)), maximum(column(a, 0), row(b, 0))), 0);
  const height = clamp(sub(minimum(column(a, 3), row(b, 3)), maximum(column(a, 1), row(b, 1))), 0);
  const intersection = mul(width, height);
  const areaA = mul(sub(column(a, 2), column(a, 0)), sub(column(a, 3), column(a, 1)));
  const areaB = mul(sub(row(b, 2), row(b, 0)), sub(row(b, 3), row(b, 1)));
  const union = sub(add(areaA, areaB), intersection);
  return div(intersection, clamp(union, EMPTY_UNION));
}

/**
 * Greedy non-maximum suppression (torchvision.ops.nms): visit the boxes by decreasing score (ties
 * in index order) and keep a box unless its IoU with a box already kept exceeds `iouThreshold`.
 * Returns the kept indices, int32 [K], by decreasing score.
 */
export function nms(boxes: Tensor, scores: Tensor, iouThreshold: number): Tensor {
  checkNmsInputs("nms", boxes, scores, iouThreshold);
  const kept = suppress(boxes.values, scores.values, null, iouThreshold);
  return tensor(Int32Array.from(kept), [kept.length], { dtype: "int32" });
}

/**
 * Non-maximum suppression within each class (torchvision.ops.batched_nms): boxes of different
 * `classes` [N] (int32) never suppress each other. Returns the kept indices by decreasing score.
 */
export function batchedNms(boxes: Tensor, scores: Tensor, classes: Tensor, iouThreshold: number): Tensor {
  checkNmsInputs("batchedNms", boxes, scores, iouThreshold);
  if (classes.ndim !== 1 || classes.shape[0] !== boxes.shape[0]) {
    throw new ShapeError(`batchedNms: classes must hold one class per box, [${boxes.shape[0]}], got ${fmtShape(classes.shape)}`);
  }
  if (classes.dtype !== "int32") throw new TypeError(`batchedNms: classes must be int32, got ${classes.dtype}`);
  const kept = suppress(boxes.values, scores.values, classes.values, iouThreshold);
  return tensor(Int32Array.from(kept), [kept.length], { dtype: "int32" });
}

/** The greedy suppression over raw values; with `classes`, only boxes of one class compete. */
function suppress(boxes: ArrayLike<number>, scores: ArrayLike<number>, classes: ArrayLike<number> | null, iouThreshold: number): number[] {
  const n = scores.length;
  // Array.prototype.sort is stable, so equal scores keep index order, as torchvision's stable sort does
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[j] - scores[i]);
  const suppressed = new Uint8Array(n);
  const kept: number[] = [];
  for (let a = 0; a < n; a++) {
    const i = order[a];
    if (suppressed[i]) continue;
    kept.push(i);
    for (let b = a + 1; b < n; b++) {
      const j = order[b];
      if (suppressed[j] || (classes && classes[i] !== classes[j])) continue;
      if (pairIou(boxes, i, j) > iouThreshold) suppressed[j] = 1;
    }
  }
  return kept;
}

/** IoU of rows i and j of a flat [N, 4] box array; 0 when both are empty. */
function pairIou(boxes: ArrayLike<number>, i: number, j: number): number {
  const w = Math.min(boxes[4 * i + 2], boxes[4 * j + 2]) - Math.max(boxes[4 * i], boxes[4 * j]);
  const h = Math.min(boxes[4 * i + 3], boxes[4 * j + 3]) - Math.max(boxes[4 * i + 1], boxes[4 * j + 1]);
  const intersection = Math.max(w, 0) * Math.max(h, 0);
  const area = (k: number) => (boxes[4 * k + 2] - boxes[4 * k]) * (boxes[4 * k + 3] - boxes[4 * k + 1]);
  const union = area(i) + area(j) - intersection;
  return union > 0 ? intersection / union : 0;
}

function checkNmsInputs(op: string, boxes: Tensor, scores: Tensor, iouThreshold: number): void {
  checkBoxes(op, "boxes", boxes);
  if (scores.ndim !== 1 || scores.shape[0] !== boxes.shape[0]) {
    throw new ShapeError(`${op}: scores must hold one score per box, [${boxes.shape[0]}], got ${fmtShape(scores.shape)}`);
  }
  for (const s of scores.values) if (Number.isNaN(s)) throw new RangeError(`${op}: scores must not be NaN`);
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`${op}: iouThreshold must be in [0, 1], got ${iouThreshold}`);
}

/** [N, 4] finite boxes with x1 ≤ x2 and y1 ≤ y2, naming the first row that is not. */
function checkBoxes(op: string, name: string, boxes: Tensor): void {
  if (boxes.ndim !== 2 || boxes.shape[1] !== 4) throw new ShapeError(`${op}: ${name} must be [N, 4] rows (x1, y1, x2, y2), got ${fmtShape(boxes.shape)}`);
  const v = boxes.values;
  for (let r = 0; r < boxes.shape[0]; r++) {
    const [x1, y1, x2, y2] = [v[4 * r], v[4 * r + 1], v[4 * r + 2], v[4 * r + 3]];
    if (![x1, y1, x2, y2].every(Number.isFinite)) throw new RangeError(`${op}: ${name} row ${r} (${x1}, ${y1}, ${x2}, ${y2}) is not finite`);
    if (x2 < x1 || y2 < y1) {
      throw new RangeError(`${op}: ${name} row ${r} is (${x1}, ${y1}, ${x2}, ${y2}); boxes must have x1 ≤ x2 and y1 ≤ y2`);
    }
  }
}
