/**
 * A picture of a digit turned into what an MNIST model reads, the way MNIST's digits were made
 * (LeCun et al.): the ink's bounding box scaled to fit 20×20 keeping its aspect ratio, anti-aliased,
 * then placed in a 28×28 field so that its centre of mass sits at the centre. Plain functions on
 * pixel arrays (no DOM), so Node tests can check them.
 */

/** MNIST digits are 28×28, their ink fitted into the middle 20×20. */
export const SIDE = 28;
const BOX = 20;
/** Ink below this (of 1) is not part of the digit's bounding box: paper grain, JPEG noise. */
const INK_THRESHOLD = 0.2;

/**
 * Ink per pixel, 0 (none) to 1, of opaque RGBA pixels: grey levels, turned round when the picture
 * is dark ink on a light background (the border is mostly light), and stretched so that the
 * background's own level counts as no ink (grey paper in a photo) and the strongest ink as 1.
 */
export function inkOf(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
  let border = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y !== 0 && y !== height - 1 && x !== 0 && x !== width - 1) continue;
      border += grey[y * width + x];
      count++;
    }
  }
  const light = border / count > 0.5;
  const ink = light ? grey.map((g) => 1 - g) : grey;
  const background = light ? 1 - border / count : border / count;
  const range = Math.max(...ink) - background || 1;
  return ink.map((v) => Math.max(0, (v - background) / range));
}

/** The 28×28 digit (ink 0 to 1, row by row) of a width×height ink picture; null when it holds no ink. */
export function mnistDigit(ink: Float32Array, width: number, height: number): Float32Array | null {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] < INK_THRESHOLD) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  const [w, h] = [right - left + 1, bottom - top + 1];
  const scale = BOX / Math.max(w, h);
  const [fitW, fitH] = [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
  const rows = Array.from({ length: h }, (_, y) => resample(ink.subarray((top + y) * width + left, (top + y) * width + left + w), fitW));
  const fitted = new Float32Array(fitW * fitH);
  for (let x = 0; x < fitW; x++) {
    const column = resample(Float32Array.from(rows, (row) => row[x]), fitH);
    column.forEach((v, y) => (fitted[y * fitW + x] = v));
  }
  // whole-pixel shifts that put the centre of mass on pixel (14, 14), as in MNIST (its test digits'
  // lie within half a pixel of it), kept inside the field (MNIST's digits never reach its edge either)
  const [cx, cy] = centreOfMass(fitted, fitW);
  const dx = Math.min(SIDE - fitW, Math.max(0, Math.round(SIDE / 2 - cx)));
  const dy = Math.min(SIDE - fitH, Math.max(0, Math.round(SIDE / 2 - cy)));
  const digit = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < fitH; y++) digit.set(fitted.subarray(y * fitW, (y + 1) * fitW), (y + dy) * SIDE + dx);
  return digit;
}

/** (pixel − mean) / std for each pixel: the normalisation a recipe trained with. */
export function normalize(pixels: Float32Array, { mean, std }: { mean: number; std: number }): Float32Array {
  return pixels.map((p) => (p - mean) / std);
}

/** values resampled to n by area: each output is the mean of the span of input it covers (anti-aliasing when shrinking). */
function resample(values: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  const step = values.length / n;
  for (let i = 0; i < n; i++) {
    const [start, end] = [i * step, (i + 1) * step];
    let sum = 0;
    for (let j = Math.floor(start); j < Math.min(Math.ceil(end), values.length); j++) {
      sum += values[j] * (Math.min(end, j + 1) - Math.max(start, j));
    }
    out[i] = sum / step;
  }
  return out;
}

/** The ink's centre of mass, in pixel indices (the top-left pixel is at 0, 0). */
function centreOfMass(pixels: Float32Array, width: number): [number, number] {
  let [total, sx, sy] = [0, 0, 0];
  pixels.forEach((v, i) => {
    total += v;
    sx += v * (i % width);
    sy += v * Math.floor(i / width);
  });
  return [sx / total, sy / total];
}
