/**
 * Captioned images for image captioning: MNIST digits laid out in one or two columns of one or two
 * digits on a 56 × 56 canvas, each image with the one caption a small grammar gives its layout:
 *
 *   caption := column                              "a one"
 *            | column " left of " column           "a three left of a five"
 *   column  := digit | digit " above " digit       "a seven above a two"
 *   digit   := article " " name                    "a" before zero … nine, "an" before eight
 *
 * where, when the left column holds two digits, " , left of " closes it ("a seven above a two ,
 * left of a four"), so that a reader knows the four sits beside the whole column. The six layouts
 * (column heights [1], [2], [1, 1], [1, 2], [2, 1], [2, 2]) are drawn at fixed places — a lone
 * column is centred across, a lone digit in a column is centred down — so the layout, and with the
 * digits the caption, is determined by the image: exact match against it is a meaningful score.
 */
import { Generator, Tensor, fmtShape } from "../tensor/index.js";

/** The digits' names, indexed by digit. */
export const DIGIT_NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"] as const;

/** Every word a caption can use. */
export const CAPTION_WORDS: readonly string[] = ["a", "an", "above", "left", "of", ",", ...DIGIT_NAMES];

/** Column heights, left to right: [2, 1] is a column of two digits left of a single digit. */
export type DigitLayout = readonly number[];

/** The six layouts of the grammar: one or two columns of one or two digits. */
export const DIGIT_LAYOUTS: readonly DigitLayout[] = [[1], [2], [1, 1], [1, 2], [2, 1], [2, 2]];

/** Side of the square canvas, in pixels: two MNIST digits (28 pixels) across and down. */
export const CAPTION_CANVAS = 56;
const CELL = 28;

export interface CaptionedDigitsOptions {
  /** How many images to make. */
  count: number;
  /** Seed of the draws (layouts, digit images, jitter). */
  seed: number;
  /** Each digit is shifted by up to this many pixels either way, down and across (default 2). */
  jitter?: number;
  /** The layouts to draw from, uniformly (default all six). */
  layouts?: readonly DigitLayout[];
}

export interface CaptionedDigits {
  /** The images, float32 [count, 1, 56, 56], the source's pixel values (maximum where digits overlap). */
  images: Tensor;
  /** Each image's caption, words separated by single spaces. */
  captions: string[];
  /** Each image's digits, column by column, top to bottom. */
  digits: number[][];
  /** Each image's layout. */
  layouts: DigitLayout[];
  /** Which source images were drawn, in the order of `digits`. */
  sources: number[][];
}

/** The grammar's caption of digits (column by column, top to bottom) in a layout. */
export function describeDigits(layout: DigitLayout, digits: readonly number[]): string {
  checkLayout("describeDigits", layout);
  const needed = layout.reduce((a, b) => a + b, 0);
  if (digits.length !== needed) throw new RangeError(`describeDigits: layout [${layout.join(", ")}] holds ${needed} digits, got ${digits.length}`);
  const names = digits.map((d) => {
    if (!Number.isInteger(d) || d < 0 || d > 9) throw new RangeError(`describeDigits: digits must be integers 0–9, got ${d}`);
    return `${d === 8 ? "an" : "a"} ${DIGIT_NAMES[d]}`;
  });
  const columns = layout.map((height, i) => names.slice(i === 0 ? 0 : layout[0], (i === 0 ? 0 : layout[0]) + height).join(" above "));
  if (columns.length === 1) return columns[0];
  return `${columns[0]}${layout[0] === 2 ? " ," : ""} left of ${columns[1]}`;
}

function checkLayout(op: string, layout: DigitLayout): void {
  if (!DIGIT_LAYOUTS.some((l) => l.length === layout.length && l.every((h, i) => h === layout[i]))) {
    throw new RangeError(`${op}: unknown layout [${layout.join(", ")}]; layouts are ${DIGIT_LAYOUTS.map((l) => `[${l.join(", ")}]`).join(", ")}`);
  }
}

/** The top-left corners of a layout's digits on the canvas, before jitter, in caption order. */
export function digitPlaces(layout: DigitLayout): { top: number; left: number }[] {
  checkLayout("digitPlaces", layout);
  return layout.flatMap((height, column) => {
    const left = layout.length === 1 ? CELL / 2 : column * CELL;
    return Array.from({ length: height }, (_, row) => ({ top: height === 1 ? CELL / 2 : row * CELL, left }));
  });
}

/**
 * `count` captioned images whose digits are drawn from `source` (x float [M, 1, 28, 28] and y the
 * digits [M], as `mnist()` gives them): use MNIST's training images to make a training set and its
 * test images to make held-out images. The same source, options and seed give the same images.
 */
export function captionedDigits(source: { x: Tensor; y: Tensor }, options: CaptionedDigitsOptions): CaptionedDigits {
  const { count, seed, jitter = 2, layouts = DIGIT_LAYOUTS } = options;
  const { x, y } = source;
  if (x.ndim !== 4 || x.shape[1] !== 1 || x.shape[2] !== CELL || x.shape[3] !== CELL || x.dtype === "int32") {
    throw new TypeError(`captionedDigits: source.x must be float images [M, 1, 28, 28], got ${x.dtype} ${fmtShape(x.shape)}`);
  }
  if (y.ndim !== 1 || y.shape[0] !== x.shape[0]) throw new TypeError(`captionedDigits: source.y must hold one digit per image, [${x.shape[0]}], got ${fmtShape(y.shape)}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`captionedDigits: count must be a positive integer, got ${count}`);
  if (!Number.isInteger(jitter) || jitter < 0 || jitter > CELL / 2) throw new RangeError(`captionedDigits: jitter must be an integer in 0…14, got ${jitter}`);
  if (layouts.length === 0) throw new RangeError("captionedDigits: layouts is empty; give at least one");
  layouts.forEach((l) => checkLayout("captionedDigits", l));
  const g = new Generator(seed);
  const images = new Float32Array(count * CAPTION_CANVAS * CAPTION_CANVAS);
  const out: CaptionedDigits = { images: new Tensor(images, [count, 1, CAPTION_CANVAS, CAPTION_CANVAS]), captions: [], digits: [], layouts: [], sources: [] };
  for (let n = 0; n < count; n++) {
    const layout = layouts[g.int(layouts.length)];
    const picks = digitPlaces(layout).map((place) => {
      const index = g.int(x.shape[0]);
      const shift = () => g.int(2 * jitter + 1) - jitter;
      const top = Math.min(Math.max(place.top + shift(), 0), CAPTION_CANVAS - CELL);
      const left = Math.min(Math.max(place.left + shift(), 0), CAPTION_CANVAS - CELL);
      paste(x.values, index, images, n, top, left);
      return index;
    });
    const digits = picks.map((i) => y.values[i]);
    out.captions.push(describeDigits(layout, digits));
    out.digits.push(digits);
    out.layouts.push(layout);
    out.sources.push(picks);
  }
  return out;
}

/** Source image `index` onto canvas `n` at (top, left), keeping the brighter pixel where digits overlap. */
function paste(from: ArrayLike<number>, index: number, canvas: Float32Array, n: number, top: number, left: number): void {
  const base = n * CAPTION_CANVAS * CAPTION_CANVAS;
  for (let r = 0; r < CELL; r++) {
    for (let c = 0; c < CELL; c++) {
      const at = base + (top + r) * CAPTION_CANVAS + left + c;
      canvas[at] = Math.max(canvas[at], from[index * CELL * CELL + r * CELL + c]);
    }
  }
}
