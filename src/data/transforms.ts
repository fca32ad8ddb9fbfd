/**
 * Data augmentation for image batches: each function returns a transform for the DataLoader's
 * per-batch `transform` hook, acting on `x` ([N, C, H, W]) and passing `y` through. Every sample
 * of a batch gets its own random draw, from the generator given (default: the global one, see
 * manualSeed), so a seeded run augments the same way every time.
 *
 *   new DataLoader(train, { batchSize: 64, shuffle: true, transform: compose(randomCrop(28, { padding: 2 }), randomHorizontalFlip()) })
 */
import { allocate, defaultGenerator, fmtShape, ShapeError, Tensor, type Generator } from "../tensor/index.js";
import type { Sample } from "./dataset.js";

/** A per-batch transform, as DataLoader's `transform` option takes. */
export type Transform = (batch: Sample) => Sample;

export interface TransformOptions {
  /** Where the random draws come from (default: the global generator, see manualSeed). */
  generator?: Generator;
}

export interface RandomCropOptions extends TransformOptions {
  /** Zeros added on every side before cropping (default 0). */
  padding?: number;
}

/** [N, C, H, W] of a batch's x, or an error naming the transform. */
export function imageBatch(op: string, x: Tensor): [number, number, number, number] {
  if (x.ndim !== 4) throw new ShapeError(`${op}: expected a batch of images x of shape [N, C, H, W], got ${fmtShape(x.shape)}`);
  return [x.shape[0], x.shape[1], x.shape[2], x.shape[3]];
}

function checkCount(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${op}: ${name} must be an integer ≥ ${min}, got ${value}`);
}

/**
 * Copy one sample's window into `out` (sample `s` of shape [C, outH, outW]):
 * out[c][i][j] = x[c][i + top][j + left], or 0 where that falls outside the H×W input.
 */
function copyWindow(x: Tensor, out: Tensor, s: number, top: number, left: number): void {
  const [, c, h, w] = x.shape;
  const [, , outH, outW] = out.shape;
  const jStart = Math.max(0, -left);
  const jEnd = Math.min(outW, w - left);
  if (jEnd <= jStart) return;
  for (let ch = 0; ch < c; ch++) {
    const inPlane = (s * c + ch) * h * w;
    const outPlane = (s * c + ch) * outH * outW;
    for (let i = Math.max(0, -top); i < Math.min(outH, h - top); i++) {
      const from = inPlane + (i + top) * w + left;
      out.values.set(x.values.subarray(from + jStart, from + jEnd), outPlane + i * outW + jStart);
    }
  }
}

/**
 * Pad each image with `padding` zeros on every side, then cut out a size×size (or [height, width])
 * window at a random position, drawn per sample (top, then left, each uniform over the positions
 * that fit). With padding 0 and size equal to the input's, it returns the batch unchanged.
 */
export function randomCrop(size: number | readonly [number, number], options: RandomCropOptions = {}): Transform {
  const { padding = 0, generator = defaultGenerator } = options;
  const [outH, outW] = typeof size === "number" ? [size, size] : size;
  checkCount("randomCrop", "the crop height", outH, 1);
  checkCount("randomCrop", "the crop width", outW, 1);
  checkCount("randomCrop", "padding", padding, 0);
  return (batch) => {
    const [n, c, h, w] = imageBatch("randomCrop", batch.x);
    if (outH > h + 2 * padding || outW > w + 2 * padding) {
      throw new RangeError(
        `randomCrop: a ${outH}×${outW} crop does not fit ${h}×${w} images padded by ${padding} (${h + 2 * padding}×${w + 2 * padding})`,
      );
    }
    const out = new Tensor(allocate(batch.x.dtype, n * c * outH * outW), [n, c, outH, outW]);
    for (let s = 0; s < n; s++) {
      const top = generator.int(h + 2 * padding - outH + 1);
      const left = generator.int(w + 2 * padding - outW + 1);
      copyWindow(batch.x, out, s, top - padding, left - padding);
    }
    return { ...batch, x: out };
  };
}

/**
 * Shift each image by a random whole number of pixels, dy down and dx right, each uniform in
 * [−maxShift, maxShift] and drawn per sample (dy, then dx); pixels shifted in are zero.
 */
export function randomTranslate(maxShift: number, options: TransformOptions = {}): Transform {
  const { generator = defaultGenerator } = options;
  checkCount("randomTranslate", "maxShift", maxShift, 0);
  return (batch) => {
    const [n, c, h, w] = imageBatch("randomTranslate", batch.x);
    const out = new Tensor(allocate(batch.x.dtype, batch.x.size), [n, c, h, w]);
    for (let s = 0; s < n; s++) {
      const dy = generator.int(2 * maxShift + 1) - maxShift;
      const dx = generator.int(2 * maxShift + 1) - maxShift;
      copyWindow(batch.x, out, s, -dy, -dx);
    }
    return { ...batch, x: out };
  };
}

/** Mirror each image left to right with probability p (one uniform draw per sample). */
export function randomHorizontalFlip(p = 0.5, options: TransformOptions = {}): Transform {
  const { generator = defaultGenerator } = options;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`randomHorizontalFlip: p (the probability of flipping an image) must be in [0, 1], got ${p}`);
  return (batch) => {
    const x = batch.x;
    const [n, c, h, w] = imageBatch("randomHorizontalFlip", x);
    const out = new Tensor(x.values.slice(), x.shape);
    const rows = c * h;
    for (let s = 0; s < n; s++) {
      if (!(generator.uniform() < p)) continue;
      for (let row = s * rows; row < (s + 1) * rows; row++) out.values.subarray(row * w, (row + 1) * w).reverse();
    }
    return { ...batch, x: out };
  };
}

/** Add independent Gaussian noise of standard deviation `std` to every element of x (float x only). */
export function gaussianNoise(std: number, options: TransformOptions = {}): Transform {
  const { generator = defaultGenerator } = options;
  if (!(std >= 0)) throw new RangeError(`gaussianNoise: std must be non-negative, got ${std}`);
  return (batch) => {
    const x = batch.x;
    if (x.dtype === "int32") throw new TypeError("gaussianNoise: x must be a float tensor, got int32 (convert it with .float() first)");
    const values = x.values.slice();
    for (let i = 0; i < values.length; i++) values[i] += std * generator.normal();
    return { ...batch, x: new Tensor(values, x.shape) };
  };
}

/** Apply transforms in order: compose(f, g)(batch) = g(f(batch)). */
export function compose(...transforms: Transform[]): Transform {
  return (batch) => transforms.reduce((b, t) => t(b), batch);
}
