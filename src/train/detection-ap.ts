/**
 * PASCAL VOC average precision of a detector, per class, and their mean (mAP). For each class the
 * detections of all images are taken by decreasing score (ties in input order); each is matched to
 * the ground-truth box of its image and class it overlaps most. It is a true positive if that IoU
 * is at least the threshold (0.5) and that box was not matched by a higher-scoring detection, else a
 * false positive (so duplicates count against the detector). AP is the area under the
 * precision–recall curve after each precision is raised to the best at any higher recall (the
 * all-point interpolation of VOC 2010 onwards). Box corners follow torchvision (area (x2 − x1)·(y2 − y1)).
 */
import type { SceneBox } from "../data/index.js";
import { boxIou, tensor } from "../ops/index.js";

/** A detection: a box, its class and its score. */
export interface ScoredBox extends SceneBox {
  score: number;
}

export interface ClassAP {
  label: number;
  ap: number;
  /** Ground-truth boxes of this class. */
  truths: number;
  detections: number;
}

export interface DetectionAP {
  /** One entry per class that has ground truth, by label (a class without any has no AP). */
  perClass: ClassAP[];
  /** Mean of perClass's APs. */
  mAP: number;
}

/** VOC AP per class and mAP of `detections[i]` against `truths[i]`, image by image. */
export function detectionAP(detections: readonly (readonly ScoredBox[])[], truths: readonly (readonly SceneBox[])[], { iouThreshold = 0.5 } = {}): DetectionAP {
  checkInputs(detections, truths, iouThreshold);
  const overlaps = detections.map((dets, image) => overlapTable(dets, truths[image]));
  const labels = [...new Set(truths.flatMap((image) => image.map((t) => t.label)))].sort((a, b) => a - b);
  if (labels.length === 0) throw new RangeError("detectionAP: the images hold no ground-truth box, so no class has an AP");
  const perClass = labels.map((label) => classAP(label, detections, truths, overlaps, iouThreshold));
  return { perClass, mAP: perClass.reduce((sum, c) => sum + c.ap, 0) / perClass.length };
}

/** IoU of every detection of an image with every ground truth of it, [detections][truths]. */
function overlapTable(dets: readonly ScoredBox[], truths: readonly SceneBox[]): Float32Array[] {
  if (dets.length === 0 || truths.length === 0) return dets.map(() => new Float32Array(truths.length));
  const corners = (boxes: readonly SceneBox[]) => tensor(boxes.flatMap((b) => [b.x1, b.y1, b.x2, b.y2]), [boxes.length, 4]);
  const iou = boxIou(corners(dets), corners(truths)).values as Float32Array;
  return dets.map((_, d) => iou.subarray(d * truths.length, (d + 1) * truths.length));
}

function classAP(label: number, detections: readonly (readonly ScoredBox[])[], truths: readonly (readonly SceneBox[])[], overlaps: Float32Array[][], iouThreshold: number): ClassAP {
  const positives = truths.reduce((n, image) => n + image.filter((t) => t.label === label).length, 0);
  const found = detections.flatMap((dets, image) => dets.flatMap((d, index) => (d.label === label ? [{ image, index, score: d.score }] : [])));
  found.sort((a, b) => b.score - a.score); // stable: ties keep input order
  const matched = truths.map((image) => new Uint8Array(image.length));
  const precision: number[] = [];
  const recall: number[] = [];
  let hits = 0;
  found.forEach(({ image, index }, rank) => {
    let best = -1;
    let bestIou = -Infinity;
    truths[image].forEach((t, k) => {
      if (t.label === label && overlaps[image][index][k] > bestIou) [best, bestIou] = [k, overlaps[image][index][k]];
    });
    if (best >= 0 && bestIou >= iouThreshold && !matched[image][best]) {
      matched[image][best] = 1;
      hits++;
    }
    precision.push(hits / (rank + 1));
    recall.push(hits / positives);
  });
  return { label, ap: interpolatedArea(precision, recall), truths: positives, detections: found.length };
}

/** Area under the precision–recall curve with each precision replaced by the highest at equal or greater recall. */
function interpolatedArea(precision: readonly number[], recall: readonly number[]): number {
  let area = 0;
  let envelope = 0;
  // from the last point back: the envelope is the running maximum; recall only grows with rank
  for (let i = precision.length - 1; i >= 0; i--) {
    envelope = Math.max(envelope, precision[i]);
    const previous = i > 0 ? recall[i - 1] : 0;
    area += (recall[i] - previous) * envelope;
  }
  return area;
}

function checkInputs(detections: readonly (readonly ScoredBox[])[], truths: readonly (readonly SceneBox[])[], iouThreshold: number): void {
  if (detections.length !== truths.length) {
    throw new RangeError(`detectionAP: detections and truths must list the same images; got ${detections.length} and ${truths.length} images`);
  }
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`detectionAP: iouThreshold must be in [0, 1], got ${iouThreshold}`);
  const check = (box: SceneBox, what: string) => {
    const { x1, y1, x2, y2 } = box;
    if (![x1, y1, x2, y2].every(Number.isFinite) || x2 < x1 || y2 < y1) {
      throw new RangeError(`detectionAP: ${what} is (${x1}, ${y1}, ${x2}, ${y2}); boxes must be finite with x1 ≤ x2 and y1 ≤ y2`);
    }
  };
  detections.forEach((dets, image) =>
    dets.forEach((d, k) => {
      check(d, `detection ${k} of image ${image}`);
      if (!Number.isFinite(d.score)) throw new RangeError(`detectionAP: detection ${k} of image ${image} has score ${d.score}; scores must be finite`);
    }),
  );
  truths.forEach((image, i) => image.forEach((t, k) => check(t, `ground-truth box ${k} of image ${i}`)));
}
