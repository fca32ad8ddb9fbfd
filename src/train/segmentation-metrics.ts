/**
 * Dense-labelling metrics from a confusion matrix of pixels: pixel accuracy, each class's
 * intersection over union (true positives / (true + predicted − true positives), scikit-learn's
 * jaccard_score), and their mean over the classes present in the truth or the prediction.
 */
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { ConfusionMatrix } from "./metrics.js";

export interface SegmentationScores {
  /** Fraction of pixels labelled right. */
  pixelAccuracy: number;
  /** Each class's IoU; NaN for a class that is neither in the truth nor predicted. */
  iou: number[];
  /** Mean IoU over the classes that are in the truth or predicted. */
  meanIoU: number;
  /** The classes the mean is over. */
  present: number[];
}

/**
 * Adds every pixel of int32 label maps `predicted` and `target` (same shape, e.g. [N, H, W], each
 * value a class in [0, numClasses)) to a confusion matrix: a new one, or `into` to accumulate batches.
 */
export function labelConfusion(predicted: Tensor, target: Tensor, numClasses: number, into?: ConfusionMatrix): ConfusionMatrix {
  const confusion = into ?? new ConfusionMatrix(numClasses);
  if (confusion.numClasses !== numClasses) throw new RangeError(`labelConfusion: into has ${confusion.numClasses} classes, numClasses is ${numClasses}`);
  for (const [name, t] of [["predicted", predicted], ["target", target]] as const) {
    if (t.dtype !== "int32") throw new TypeError(`labelConfusion: ${name} must be an int32 label map, got ${t.dtype} (argmax the scores over the class dimension first)`);
  }
  if (predicted.ndim !== target.ndim || predicted.shape.some((d, i) => d !== target.shape[i])) {
    throw new ShapeError(`labelConfusion: predicted ${fmtShape(predicted.shape)} and target ${fmtShape(target.shape)} must have the same shape`);
  }
  const [p, t] = [predicted.values, target.values];
  for (let i = 0; i < t.length; i++) {
    if (!(t[i] >= 0 && t[i] < numClasses) || !(p[i] >= 0 && p[i] < numClasses)) {
      const [name, value] = t[i] >= 0 && t[i] < numClasses ? ["predicted", p[i]] : ["target", t[i]];
      throw new RangeError(`labelConfusion: ${name} label ${value} at flat position ${i} is outside [0, ${numClasses - 1}]`);
    }
    confusion.counts[t[i] * numClasses + p[i]]++;
  }
  return confusion;
}

/** Pixel accuracy, per-class IoU and mean IoU of a pixel confusion matrix (rows truth, columns prediction). */
export function segmentationScores(confusion: ConfusionMatrix): SegmentationScores {
  const c = confusion.numClasses;
  const iou: number[] = [];
  const present: number[] = [];
  for (let k = 0; k < c; k++) {
    let truth = 0, predicted = 0;
    for (let j = 0; j < c; j++) {
      truth += confusion.get(k, j);
      predicted += confusion.get(j, k);
    }
    const hit = confusion.get(k, k);
    const union = truth + predicted - hit;
    iou.push(union === 0 ? NaN : hit / union);
    if (union > 0) present.push(k);
  }
  const meanIoU = present.length === 0 ? NaN : present.reduce((s, k) => s + iou[k], 0) / present.length;
  return { pixelAccuracy: confusion.accuracy(), iou, meanIoU, present };
}
