/**
 * Training windows for a sliding-window (OverFeat-style) detector, cut from generated scenes: each
 * window is resampled so that a digit, when it is the window's subject, is about `height` pixels
 * tall at the window's centre. Positives are windows centred on a digit (within a few pixels, at
 * ±15% of the height), labelled with its class and its box in window coordinates; negatives are
 * windows whose centre is far from every digit, or whose digit is much too small or too large —
 * blank canvas, clutter, parts of digits, digits at the wrong scale — labelled background. Windows
 * between the two (a digit slightly off-centre or off-scale) are not drawn: either answer is fair.
 */
import { Generator, Tensor, fmtShape } from "../tensor/index.js";
import { SCENE_BACKGROUND, type DigitScenes, type SceneBox } from "./digit-scenes.js";
import { resample } from "./resample.js";

export interface SceneWindowOptions {
  /** Side of a window in pixels. Default 28. */
  window?: number;
  /** A digit's box height in a positive window, in pixels. Default 20 (MNIST's framing). */
  height?: number;
  /** Zooms at which random negatives are cut (a detector's test scales). */
  scales: readonly number[];
  positivesPerDigit?: number;
  negativesPerDigit?: number;
  seed?: number;
}

export interface SceneWindows {
  /** float32 [K, 1, window, window]. */
  x: Tensor;
  /** int32 [K]: the digit, or SCENE_BACKGROUND. */
  classes: Tensor;
  /** float32 [K, 4]: a positive's box (x1, y1, x2, y2) in window coordinates divided by the window side; 0 for negatives. */
  boxes: Tensor;
}

/** A positive's centre lies within this many window pixels of the window's centre, on each axis. */
const POSITIVE_OFFSET = 3;
/** A positive's digit height is `height` times a factor in this range. */
const POSITIVE_ZOOM: readonly [number, number] = [0.85, 1.18];
/** A negative's digits are this far off-centre (window pixels, on some axis), or outside NEGATIVE_ZOOM. */
const NEGATIVE_OFFSET = 7;
const NEGATIVE_ZOOM: readonly [number, number] = [0.65, 1.5];

export function sceneWindows(scenes: DigitScenes, options: SceneWindowOptions): SceneWindows {
  const { window = 28, height = 20, scales, positivesPerDigit = 2, negativesPerDigit = 4, seed = 0 } = options;
  checkOptions(window, height, scales, positivesPerDigit, negativesPerDigit);
  const [count, , size] = scenes.images.shape;
  const generator = new Generator(seed);
  const between = (low: number, high: number) => low + generator.uniform() * (high - low);
  const x: Float32Array[] = [];
  const classes: number[] = [];
  const boxes: number[] = [];
  const cut = (n: number, centreX: number, centreY: number, zoom: number, label: number, box: SceneBox | null) => {
    const x0 = centreX - window / 2 / zoom;
    const y0 = centreY - window / 2 / zoom;
    x.push(resample(scenes.images.values, n, size, x0, y0, zoom, window, window));
    classes.push(label);
    const inWindow = (v: number, origin: number) => ((v - origin) * zoom) / window;
    boxes.push(...(box ? [inWindow(box.x1, x0), inWindow(box.y1, y0), inWindow(box.x2, x0), inWindow(box.y2, y0)] : [0, 0, 0, 0]));
  };
  for (let n = 0; n < count; n++) {
    const digits = scenes.boxes[n];
    const isNegative = (cx: number, cy: number, zoom: number) =>
      digits.every((d) => {
        const far = Math.max(Math.abs((d.x1 + d.x2) / 2 - cx), Math.abs((d.y1 + d.y2) / 2 - cy)) * zoom > NEGATIVE_OFFSET;
        const relative = ((d.y2 - d.y1) * zoom) / height;
        return far || relative < NEGATIVE_ZOOM[0] || relative > NEGATIVE_ZOOM[1];
      });
    for (const d of digits) {
      const [cx, cy, h] = [(d.x1 + d.x2) / 2, (d.y1 + d.y2) / 2, d.y2 - d.y1];
      for (let p = 0; p < positivesPerDigit; p++) {
        const zoom = (height * between(...POSITIVE_ZOOM)) / h;
        const shift = () => between(-POSITIVE_OFFSET, POSITIVE_OFFSET) / zoom;
        cut(n, cx + shift(), cy + shift(), zoom, d.label, d);
      }
      // half the negatives are hard: this digit off-centre or at the wrong scale; the rest anywhere
      for (let k = 0; k < negativesPerDigit; k++) {
        const candidate = k % 2 === 0 ? nearMiss(generator, cx, cy, h, height) : anywhere(generator, size, scales);
        if (isNegative(candidate.cx, candidate.cy, candidate.zoom)) cut(n, candidate.cx, candidate.cy, candidate.zoom, SCENE_BACKGROUND, null);
      }
    }
  }
  const k = classes.length;
  const pixels = new Float32Array(k * window * window);
  x.forEach((w, i) => pixels.set(w, i * window * window));
  return { x: new Tensor(pixels, [k, 1, window, window]), classes: new Tensor(Int32Array.from(classes), [k]), boxes: new Tensor(Float32Array.from(boxes), [k, 4]) };
}

/** A window on a digit but off-centre by 8–14 window pixels, or centred at a zoom that makes it 0.4–0.6 or 1.6–2.2 times `height`. */
function nearMiss(generator: Generator, cx: number, cy: number, h: number, height: number): { cx: number; cy: number; zoom: number } {
  const u = () => generator.uniform();
  if (u() < 0.6) {
    const zoom = (height * (0.85 + 0.33 * u())) / h;
    const away = (8 + 6 * u()) / zoom;
    const angle = 2 * Math.PI * u();
    return { cx: cx + away * Math.cos(angle), cy: cy + away * Math.sin(angle), zoom };
  }
  const relative = u() < 0.5 ? 0.4 + 0.2 * u() : 1.6 + 0.6 * u();
  return { cx, cy, zoom: (height * relative) / h };
}

function anywhere(generator: Generator, size: number, scales: readonly number[]): { cx: number; cy: number; zoom: number } {
  const zoom = scales[generator.int(scales.length)] * (0.85 + 0.33 * generator.uniform());
  return { cx: generator.uniform() * size, cy: generator.uniform() * size, zoom };
}

/** Square scenes [N, 1, S, S] zoomed by `zoom` to [N, 1, round(S·zoom), round(S·zoom)] (bilinear, pixel centres aligned). */
export function zoomScenes(images: Tensor, zoom: number): Tensor {
  if (images.ndim !== 4 || images.shape[1] !== 1 || images.shape[2] !== images.shape[3]) {
    throw new RangeError(`zoomScenes: images must be square one-channel scenes [N, 1, S, S], got ${fmtShape(images.shape)}`);
  }
  if (!(zoom > 0 && Number.isFinite(zoom))) throw new RangeError(`zoomScenes: zoom must be a positive number, got ${zoom}`);
  const [count, , size] = images.shape;
  const side = Math.round(size * zoom);
  const out = new Float32Array(count * side * side);
  for (let n = 0; n < count; n++) out.set(resample(images.values, n, size, 0, 0, zoom, side, side), n * side * side);
  return new Tensor(out, [count, 1, side, side]);
}

function checkOptions(window: number, height: number, scales: readonly number[], positives: number, negatives: number): void {
  if (!(Number.isInteger(window) && window > 0)) throw new RangeError(`sceneWindows: window must be a positive integer, got ${window}`);
  if (!(height > 0 && height <= window)) throw new RangeError(`sceneWindows: height must be in (0, window = ${window}], got ${height}`);
  if (scales.length === 0 || !scales.every((s) => s > 0 && Number.isFinite(s))) throw new RangeError(`sceneWindows: scales must be positive zooms, got [${scales}]`);
  for (const [name, v] of [["positivesPerDigit", positives], ["negativesPerDigit", negatives]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`sceneWindows: ${name} must be a non-negative integer, got ${v}`);
  }
}
