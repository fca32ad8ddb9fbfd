/**
 * A drawing made to look like an MNIST digit, as MNIST's own were made (LeCun et al.): the ink's
 * bounding box scaled, keeping its shape, to fit 20×20 (anti-aliased: each new pixel is the mean of
 * the area it covers), then put in a 28×28 field with its centre of mass at the field's centre.
 */

/** Ink lighter than this (of 1) does not count towards the bounding box. */
const INK = 0.05;
const BOX = 20;
const FIELD = 28;
/** Where MNIST's digits have their centre of mass (pixel i at i): measured over the test set, 14.0 ± 0.3 on both axes. */
const CENTRE = 14;

/**
 * `ink` (row-major, `width` × `height`, 0 = paper, 1 = full ink) as 28×28 MNIST-style pixels in
 * [0, 1], or null if nothing is drawn.
 */
export function mnistStyle(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  const box = inkBox(ink, width, height);
  if (!box) return null;
  const scale = BOX / Math.max(box.width, box.height);
  const w = Math.max(1, Math.round(box.width * scale));
  const h = Math.max(1, Math.round(box.height * scale));
  const small = resample(ink, width, box, w, h);
  const { x, y } = centreOfMass(small, w, h);
  const left = clamp(Math.round(CENTRE - x), 0, FIELD - w);
  const top = clamp(Math.round(CENTRE - y), 0, FIELD - h);
  const out = new Float32Array(FIELD * FIELD);
  for (let row = 0; row < h; row++) out.set(small.subarray(row * w, (row + 1) * w), (top + row) * FIELD + left);
  return out;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function inkBox(ink: ArrayLike<number>, width: number, height: number): Box | null {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= INK) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The box of `ink` (a row `stride` wide) shrunk or grown to w × h, each new pixel the mean of the area it covers. */
function resample(ink: ArrayLike<number>, stride: number, box: Box, w: number, h: number): Float32Array {
  const columns = coverage(box.width, w);
  const rows = coverage(box.height, h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (const [sy, wy] of rows[y]) {
        for (const [sx, wx] of columns[x]) sum += wy * wx * ink[(box.top + sy) * stride + box.left + sx];
      }
      out[y * w + x] = sum;
    }
  }
  return out;
}

/** For each of `to` cells along an axis of `from` pixels: the pixels it covers and their weights (summing to 1). */
function coverage(from: number, to: number): [number, number][][] {
  const span = from / to;
  return Array.from({ length: to }, (_, i) => {
    const [start, end] = [i * span, (i + 1) * span];
    const cells: [number, number][] = [];
    for (let p = Math.floor(start); p < Math.min(from, Math.ceil(end)); p++) {
      cells.push([p, (Math.min(end, p + 1) - Math.max(start, p)) / span]);
    }
    return cells;
  });
}

function centreOfMass(pixels: Float32Array, w: number, h: number): { x: number; y: number } {
  let [mass, x, y] = [0, 0, 0];
  for (let i = 0; i < pixels.length; i++) {
    mass += pixels[i];
    x += pixels[i] * (i % w);
    y += pixels[i] * Math.floor(i / w);
  }
  return mass > 0 ? { x: x / mass, y: y / mass } : { x: (w - 1) / 2, y: (h - 1) / 2 };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
