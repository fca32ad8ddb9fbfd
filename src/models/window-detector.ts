/**
 * A sliding-window digit detector in the manner of OverFeat (Sermanet et al. 2014): a small convnet
 * that looks at a 28×28 window and gives 11 class scores (the digits and background) and a box
 * (x1, y1, x2, y2, as fractions of the window) for the digit it sees. It pads nothing, so
 * `fullyConvolutional` turns it into a net that scores every window of a larger image, at a stride
 * of 4 pixels (its two 2×2 poolings), in one pass.
 */
import * as nn from "../nn/index.js";
import { crossEntropy, smoothL1Loss } from "../nn/functional/index.js";
import { cast, concat, narrow, reshape } from "../ops/index.js";
import { Tensor } from "../tensor/index.js";

/** Class scores first (digits 0–9, then background), then the four box fractions. */
export const DETECTOR_CLASSES = 11;
export const DETECTOR_OUTPUTS = DETECTOR_CLASSES + 4;
/** The window a detector sees and the step between windows of its fully convolutional form. */
export const DETECTOR_WINDOW = 28;
export const DETECTOR_STRIDE = 4;

export interface WindowDetectorOptions {
  /** Feature maps of the two 5×5 convolutions. Default [16, 32]. */
  channels?: readonly [number, number];
  /** Units of the hidden fully connected layer. Default 128. */
  hidden?: number;
}

/** conv 5×5 → ReLU → pool 2 → conv 5×5 → ReLU → pool 2 → Linear → ReLU → Linear(15), on [N, 1, 28, 28]. */
export function windowDetector({ channels = [16, 32], hidden = 128 }: WindowDetectorOptions = {}): nn.Sequential {
  for (const [name, value] of [["channels[0]", channels[0]], ["channels[1]", channels[1]], ["hidden", hidden]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`windowDetector: ${name} must be a positive integer, got ${value}`);
  }
  // 28 → conv 5 → 24 → pool → 12 → conv 5 → 8 → pool → 4
  return new nn.Sequential(
    new nn.Conv2d(1, channels[0], 5), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(channels[0], channels[1], 5), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(channels[1] * 16, hidden), new nn.ReLU(), new nn.Linear(hidden, DETECTOR_OUTPUTS),
  );
}

/** The training target of windows: [K, 5] rows (class, x1, y1, x2, y2), as windowDetectionLoss reads them. */
export function detectionTargets(classes: Tensor, boxes: Tensor): Tensor {
  return concat([reshape(cast(classes, "float32"), [classes.shape[0], 1]), boxes], 1);
}

/**
 * Cross-entropy of the class scores, plus `boxWeight` times the smooth-L1 error of the box on the
 * windows that hold a digit (background windows have no box to regress), averaged over those.
 */
export function windowDetectionLoss(output: Tensor, target: Tensor, { boxWeight = 2 } = {}): Tensor {
  const k = output.shape[0];
  const classes = cast(reshape(narrow(target, 1, 0, 1), [k]), "int32");
  const classLoss = crossEntropy(narrow(output, 1, 0, DETECTOR_CLASSES), classes);
  const digitMask = Float32Array.from(classes.values, (c) => (c < DETECTOR_CLASSES - 1 ? 1 : 0));
  const digits = digitMask.reduce((a, b) => a + b, 0);
  if (digits === 0) return classLoss;
  const isDigit = new Tensor(digitMask, [k, 1]);
  // quadratic within 0.05 of the window (1.4 pixels of 28), linear beyond: a few badly placed boxes do not dominate
  const boxError = smoothL1Loss(narrow(output, 1, DETECTOR_CLASSES, 4).mul(isDigit), narrow(target, 1, 1, 4).mul(isDigit), { reduction: "sum", beta: 0.05 });
  return classLoss.add(boxError.mul(boxWeight / digits));
}
