/**
 * Generated scenes for detection and dense labelling: 2–5 MNIST digits drawn at random scales and
 * places on a blank square canvas, with clutter made of fragments of other digits' strokes (so a
 * detector must tell whole digits from pieces of them), and the ground truth of both tasks: each
 * digit's box and a label for every pixel. Seeded: the same source, options and seed give the same
 * scenes. Real photographs and their labels cannot be had here; these stand in for them.
 */
import { Generator, Tensor, fmtShape } from "../tensor/index.js";
import { resample } from "./resample.js";

/** The label of a pixel that belongs to no digit (the digits are 0–9). */
export const SCENE_BACKGROUND = 10;

/** A digit's box in pixels: columns x1 ≤ x < x2, rows y1 ≤ y < y2, tight around its ink. */
export interface SceneBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: number;
}

export interface DigitScenes {
  /** float32 [N, 1, size, size], ink in [0, 1]. */
  images: Tensor;
  /** Each scene's digits. */
  boxes: SceneBox[][];
  /** int32 [N, size, size]: the digit whose ink covers the pixel, else SCENE_BACKGROUND. */
  labels: Tensor;
}

export interface DigitScenesOptions {
  /** Number of scenes. */
  count: number;
  seed?: number;
  /** Side of the square canvas in pixels. Default 112. */
  size?: number;
  /** Fewest and most digits a scene holds. Default [2, 5]. */
  digits?: readonly [number, number];
  /** Smallest and largest scale of a 28×28 digit. Default [0.6, 1.6] (17 to 45 pixels). */
  scale?: readonly [number, number];
  /** Stroke fragments of other digits scattered where no digit is. Default 3 a scene. */
  clutter?: number;
  /** Resampled ink at or above this belongs to its digit (its box and label map). Default 0.3. */
  inkThreshold?: number;
}

/** Digits to draw from: x [M, 1, 28, 28] or [M, 28, 28] in [0, 1], y [M] their classes. */
export interface DigitSource {
  x: Tensor;
  y: Tensor;
}

const DIGIT = 28;
/** Free pixels kept between a digit's box and anything else drawn. */
const MARGIN = 2;
/** Tries to find a free place for one digit or fragment before the scene does without it. */
const PLACEMENT_TRIES = 60;
/** A fragment is a square piece of this many source pixels, drawn at 0.8–1.2 times its size: a stroke, too small to pass for a digit. */
const FRAGMENT_SIDE: readonly [number, number] = [6, 9];

export function digitScenes(source: DigitSource, options: DigitScenesOptions): DigitScenes {
  const { count, seed = 0, size = 112, digits = [2, 5], scale = [0.6, 1.6], clutter = 3, inkThreshold = 0.3 } = options;
  const sourceCount = checkSource(source);
  checkOptions(count, size, digits, scale, clutter, inkThreshold);
  const generator = new Generator(seed);
  // clutter draws from a stream of its own, so the same seed places the same digits with or without it
  const clutterGenerator = new Generator(seed + 0x9e3779b9);
  const pixels = source.x.values;
  const classes = source.y.values;
  const images = new Float32Array(count * size * size);
  const labels = new Int32Array(count * size * size).fill(SCENE_BACKGROUND);
  const boxes: SceneBox[][] = [];
  for (let n = 0; n < count; n++) {
    const canvas = new Canvas(images.subarray(n * size * size, (n + 1) * size * size), labels.subarray(n * size * size, (n + 1) * size * size), size);
    const wanted = digits[0] + generator.int(digits[1] - digits[0] + 1);
    const sceneBoxes: SceneBox[] = [];
    for (let d = 0; d < wanted; d++) {
      const index = generator.int(sourceCount);
      const side = Math.round(DIGIT * (scale[0] + generator.uniform() * (scale[1] - scale[0])));
      const glyph = resample(pixels, index, DIGIT, 0, 0, side / DIGIT, side, side, "edge");
      const ink = inkBox(glyph, side, inkThreshold);
      if (!ink) continue;
      const place = canvas.findPlace(generator, side, ink, sceneBoxes);
      if (!place) continue;
      const label = classes[index];
      canvas.draw(glyph, side, place.left, place.top, { label, inkThreshold });
      sceneBoxes.push({ x1: place.left + ink.x1, y1: place.top + ink.y1, x2: place.left + ink.x2, y2: place.top + ink.y2, label });
    }
    for (let f = 0; f < clutter; f++) {
      const fragment = strokeFragment(clutterGenerator, pixels, sourceCount, inkThreshold);
      if (!fragment) continue;
      const ink = inkBox(fragment.values, fragment.side, inkThreshold);
      const place = ink && canvas.findPlace(clutterGenerator, fragment.side, ink, sceneBoxes);
      if (place) canvas.draw(fragment.values, fragment.side, place.left, place.top, null);
    }
    boxes.push(sceneBoxes);
  }
  return { images: new Tensor(images, [count, 1, size, size]), boxes, labels: new Tensor(labels, [count, size, size]) };
}

/** One scene's pixels and labels, and where its digits and fragments already are. */
class Canvas {
  /** Boxes (with their margin) of fragments drawn so far: digits avoid them too. */
  private readonly fragments: SceneBox[] = [];

  constructor(private readonly image: Float32Array, private readonly labels: Int32Array, private readonly size: number) {}

  /** A top-left corner where the glyph's ink box, with a margin, meets no digit or fragment; null if none was found. */
  findPlace(generator: Generator, side: number, ink: SceneBox, digitBoxes: readonly SceneBox[]): { left: number; top: number } | null {
    for (let t = 0; t < PLACEMENT_TRIES; t++) {
      const left = generator.int(this.size - side + 1);
      const top = generator.int(this.size - side + 1);
      const box = { x1: left + ink.x1 - MARGIN, y1: top + ink.y1 - MARGIN, x2: left + ink.x2 + MARGIN, y2: top + ink.y2 + MARGIN, label: -1 };
      if (!digitBoxes.some((other) => overlaps(box, other)) && !this.fragments.some((other) => overlaps(box, other))) return { left, top };
    }
    return null;
  }

  /** Draw by taking the brighter pixel; a digit (label given) also marks its inked pixels. */
  draw(glyph: Float32Array, side: number, left: number, top: number, digit: { label: number; inkThreshold: number } | null): void {
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = glyph[r * side + c];
        const at = (top + r) * this.size + left + c;
        if (v > this.image[at]) this.image[at] = v;
        if (digit && v >= digit.inkThreshold) this.labels[at] = digit.label;
      }
    }
    if (!digit) {
      const ink = inkBox(glyph, side, 0)!;
      this.fragments.push({ x1: left + ink.x1 - MARGIN, y1: top + ink.y1 - MARGIN, x2: left + ink.x2 + MARGIN, y2: top + ink.y2 + MARGIN, label: -1 });
    }
  }
}

function overlaps(a: SceneBox, b: SceneBox): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** The tight box around the pixels at or above `threshold` (above 0 when it is 0); null if there are none. */
function inkBox(glyph: Float32Array, side: number, threshold: number): SceneBox | null {
  let x1 = side, y1 = side, x2 = 0, y2 = 0;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const v = glyph[r * side + c];
      if (threshold > 0 ? v < threshold : v <= 0) continue;
      x1 = Math.min(x1, c);
      y1 = Math.min(y1, r);
      x2 = Math.max(x2, c + 1);
      y2 = Math.max(y2, r + 1);
    }
  }
  return x2 > 0 ? { x1, y1, x2, y2, label: -1 } : null;
}

/** A square piece of a random digit that holds some stroke, at a random scale; null if the piece drawn was blank. */
function strokeFragment(generator: Generator, pixels: ArrayLike<number>, sourceCount: number, inkThreshold: number): { values: Float32Array; side: number } | null {
  const index = generator.int(sourceCount);
  const piece = FRAGMENT_SIDE[0] + generator.int(FRAGMENT_SIDE[1] - FRAGMENT_SIDE[0] + 1);
  const top = 4 + generator.int(DIGIT - 8 - piece + 1);
  const left = 4 + generator.int(DIGIT - 8 - piece + 1);
  const crop = new Float32Array(piece * piece);
  let inked = 0;
  for (let r = 0; r < piece; r++) {
    for (let c = 0; c < piece; c++) {
      const v = pixels[index * DIGIT * DIGIT + (top + r) * DIGIT + left + c];
      crop[r * piece + c] = v;
      if (v >= inkThreshold) inked++;
    }
  }
  if (inked < piece) return null;
  const side = Math.max(4, Math.round(piece * (0.8 + generator.uniform() * 0.4)));
  return { values: resample(crop, 0, piece, 0, 0, side / piece, side, side, "edge"), side };
}

function checkSource({ x, y }: DigitSource): number {
  const m = x.shape[0];
  const layoutOk = (x.ndim === 4 && x.shape[1] === 1 && x.shape[2] === DIGIT && x.shape[3] === DIGIT) || (x.ndim === 3 && x.shape[1] === DIGIT && x.shape[2] === DIGIT);
  if (!layoutOk) throw new RangeError(`digitScenes: source.x must be 28×28 digits [M, 1, 28, 28] or [M, 28, 28], got ${fmtShape(x.shape)}`);
  if (y.ndim !== 1 || y.shape[0] !== m) throw new RangeError(`digitScenes: source.y must hold one class per digit, [${m}], got ${fmtShape(y.shape)}`);
  if (m === 0) throw new RangeError("digitScenes: source holds no digits");
  if (x.dtype !== "float32") throw new TypeError(`digitScenes: source.x must be float32 pixels in [0, 1], got ${x.dtype}`);
  for (const label of y.values) if (!Number.isInteger(label) || label < 0 || label > 9) throw new RangeError(`digitScenes: source.y must hold digits 0–9, found ${label}`);
  return m;
}

function checkOptions(count: number, size: number, digits: readonly [number, number], scale: readonly [number, number], clutter: number, inkThreshold: number): void {
  const isCount = (v: number) => Number.isInteger(v) && v >= 0;
  if (!isCount(count) || count === 0) throw new RangeError(`digitScenes: count must be a positive integer, got ${count}`);
  if (!(scale[0] > 0 && scale[0] <= scale[1])) throw new RangeError(`digitScenes: scale must be [min, max] with 0 < min ≤ max, got [${scale}]`);
  const largest = Math.round(DIGIT * scale[1]);
  if (!Number.isInteger(size) || size < largest) throw new RangeError(`digitScenes: size must be an integer of at least ${largest} (the largest digit, 28·${scale[1]}), got ${size}`);
  if (!(isCount(digits[0]) && isCount(digits[1]) && digits[0] >= 1 && digits[0] <= digits[1])) throw new RangeError(`digitScenes: digits must be [min, max] integers with 1 ≤ min ≤ max, got [${digits}]`);
  if (!isCount(clutter)) throw new RangeError(`digitScenes: clutter must be a non-negative integer, got ${clutter}`);
  if (!(inkThreshold > 0 && inkThreshold < 1)) throw new RangeError(`digitScenes: inkThreshold must be in (0, 1), got ${inkThreshold}`);
}
