/**
 * OverFeat-style detection: the fully convolutional form of a window detector runs over a scene
 * zoomed to several scales (so that digits of every size meet the window at the size it was trained
 * on); every position of every map whose class score passes a threshold gives a box (the regressed
 * one, mapped back to scene pixels), and non-maximum suppression within each class keeps the best.
 */
import { noGrad } from "../autograd/index.js";
import { zoomScenes } from "../data/index.js";
import type * as nn from "../nn/index.js";
import { batchedNms, tensor } from "../ops/index.js";
import { fmtShape, type Tensor } from "../tensor/index.js";
import type { ScoredBox } from "../train/index.js";
import { DETECTOR_CLASSES, DETECTOR_STRIDE, DETECTOR_WINDOW } from "./window-detector.js";

export interface MapDecoding {
  /** The zoom the scene was seen at. */
  zoom: number;
  /** Side of the (unzoomed) scene, to clip boxes to. */
  sceneSize: number;
  /** Keep a digit class at a position when its probability is at least this. Default 0.05. */
  scoreThreshold?: number;
  window?: number;
  stride?: number;
}

export interface MultiScaleOptions extends Omit<MapDecoding, "zoom" | "sceneSize"> {
  /** Zooms to run the detector at. */
  scales: readonly number[];
  /** Boxes of one class overlapping a better one by more than this are dropped. Default 0.3. */
  iouThreshold?: number;
  /** Scenes per forward pass. Default 16. */
  batchSize?: number;
}

/**
 * Scored boxes, in scene pixels, from one scene's map [11 + 4, H, W] at `zoom`: map position (i, j)
 * is the window whose top-left corner is (stride·j, stride·i) in the zoomed scene; each digit class
 * whose softmax probability there reaches the threshold gives the window's regressed box.
 */
export function decodeDetectionMap(map: Tensor, { zoom, sceneSize, scoreThreshold = 0.05, window = DETECTOR_WINDOW, stride = DETECTOR_STRIDE }: MapDecoding): ScoredBox[] {
  if (map.ndim !== 3 || map.shape[0] !== DETECTOR_CLASSES + 4) {
    throw new RangeError(`decodeDetectionMap: map must be [${DETECTOR_CLASSES + 4}, H, W] (11 class scores, then a box), got ${fmtShape(map.shape)}`);
  }
  const [, rows, cols] = map.shape;
  const plane = rows * cols;
  const v = map.values;
  const found: ScoredBox[] = [];
  const probabilities = new Float64Array(DETECTOR_CLASSES);
  const clip = (x: number) => Math.min(sceneSize, Math.max(0, x));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const at = i * cols + j;
      softmaxInto(probabilities, v, at, plane);
      // the box's corners in window pixels, then in the scene: window point p is scene point origin + p / zoom
      const corner = (k: number) => (v[(DETECTOR_CLASSES + k) * plane + at] * window) / zoom;
      const [x0, y0] = [(stride * j) / zoom, (stride * i) / zoom];
      const [xa, ya, xb, yb] = [x0 + corner(0), y0 + corner(1), x0 + corner(2), y0 + corner(3)];
      for (let c = 0; c < DETECTOR_CLASSES - 1; c++) {
        if (probabilities[c] < scoreThreshold) continue;
        found.push({ x1: clip(Math.min(xa, xb)), y1: clip(Math.min(ya, yb)), x2: clip(Math.max(xa, xb)), y2: clip(Math.max(ya, yb)), label: c, score: probabilities[c] });
      }
    }
  }
  return found;
}

/** The detections of each scene of `images` [N, 1, S, S] by `fcn`, the fully convolutional form of a window detector. */
export function detectMultiScale(fcn: nn.Module, images: Tensor, options: MultiScaleOptions): ScoredBox[][] {
  const { scales, iouThreshold = 0.3, batchSize = 16, ...decoding } = options;
  if (scales.length === 0 || !scales.every((s) => s > 0 && Number.isFinite(s))) throw new RangeError(`detectMultiScale: scales must be positive zooms, got [${scales}]`);
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`detectMultiScale: iouThreshold must be in [0, 1], got ${iouThreshold}`);
  const [count, , sceneSize] = images.shape;
  const candidates: ScoredBox[][] = Array.from({ length: count }, () => []);
  noGrad(() => {
    for (let start = 0; start < count; start += batchSize) {
      const batch = images.narrow(0, start, Math.min(batchSize, count - start));
      for (const zoom of scales) {
        const maps = fcn.forward(zoomScenes(batch, zoom));
        for (let n = 0; n < batch.shape[0]; n++) candidates[start + n].push(...decodeDetectionMap(maps.select(0, n), { ...decoding, zoom, sceneSize }));
      }
    }
  });
  return candidates.map((found) => suppressPerClass(found, iouThreshold));
}

function suppressPerClass(found: ScoredBox[], iouThreshold: number): ScoredBox[] {
  if (found.length === 0) return found;
  const boxes = tensor(found.flatMap((b) => [b.x1, b.y1, b.x2, b.y2]), [found.length, 4]);
  const scores = tensor(found.map((b) => b.score));
  const labels = tensor(found.map((b) => b.label), [found.length], { dtype: "int32" });
  return Array.from(batchedNms(boxes, scores, labels, iouThreshold).values, (k) => found[k]);
}

/** Softmax of the class scores at one map position (channel c at values[c·plane + at]) into `out`. */
function softmaxInto(out: Float64Array, values: ArrayLike<number>, at: number, plane: number): void {
  let max = -Infinity;
  for (let c = 0; c < out.length; c++) max = Math.max(max, values[c * plane + at]);
  let sum = 0;
  for (let c = 0; c < out.length; c++) sum += out[c] = Math.exp(values[c * plane + at] - max);
  for (let c = 0; c < out.length; c++) out[c] /= sum;
}
