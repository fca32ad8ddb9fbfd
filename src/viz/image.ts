/**
 * Images as tensors: the type every viz function returns, and the few operations on it (contrast
 * stretch, channel-first to channel-last, nearest upscaling, tiling into a grid).
 *
 * An image is a float tensor of shape [H, W, C] with C = 1 (grey), 3 (RGB) or 4 (RGBA), values
 * in [0, 1] — torchvision's make_grid works channel-first; channel-last is what PNG encoders,
 * canvases and people expect, so it is the one kept here.
 */
import { Tensor, fmtShape } from "../tensor/index.js";

export type Image = Tensor;

/** Checks that t is an image ([H, W, 1|3|4]) and returns its sizes. */
export function imageSize(t: Tensor, who: string): { height: number; width: number; channels: number } {
  if (!(t instanceof Tensor) || t.shape.length !== 3 || ![1, 3, 4].includes(t.shape[2])) {
    const got = t instanceof Tensor ? `a tensor of shape ${fmtShape(t.shape)}` : String(t);
    throw new TypeError(`${who}: expected an image tensor [height, width, channels] with 1, 3 or 4 channels, got ${got}`);
  }
  const [height, width, channels] = t.shape;
  return { height, width, channels };
}

/** How contrast is stretched: the values' own range onto [0, 1], or symmetric about 0 (0 → mid-grey). */
export type Contrast = "minmax" | "symmetric";

/** values linearly mapped onto [0, 1] (a constant array becomes mid-grey), into out. */
export function stretch(values: ArrayLike<number>, contrast: Contrast = "minmax", out = new Float32Array(values.length)): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (contrast === "symmetric") {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    lo = -m;
    hi = m;
  }
  const range = hi - lo;
  for (let i = 0; i < values.length; i++) out[i] = range > 0 && Number.isFinite(range) ? (values[i] - lo) / range : 0.5;
  return out;
}

/** A [C, H, W] (or [1, C, H, W]) tensor as an image [H, W, C], values copied as they are (C must be 1, 3 or 4). */
export function toImage(chw: Tensor, { contrast }: { contrast?: Contrast } = {}): Image {
  const shape = chw.shape.length === 4 && chw.shape[0] === 1 ? chw.shape.slice(1) : chw.shape;
  if (shape.length === 2) return toImage(new Tensor(chw.values, [1, ...shape]), { contrast });
  if (shape.length !== 3 || ![1, 3, 4].includes(shape[0])) {
    throw new TypeError(`toImage: expected [channels, height, width] with 1, 3 or 4 channels (or [height, width]), got ${fmtShape(chw.shape)}`);
  }
  const [c, h, w] = shape;
  const src = contrast ? stretch(chw.values, contrast) : chw.values;
  const out = new Float32Array(c * h * w);
  for (let k = 0; k < c; k++) for (let p = 0; p < h * w; p++) out[p * c + k] = src[k * h * w + p];
  return new Tensor(out, [h, w, c]);
}

/** The image with every pixel repeated factor × factor times (nearest neighbour), so small maps stay crisp. */
export function upscale(image: Image, factor: number): Image {
  const { height, width, channels } = imageSize(image, "upscale");
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`upscale: factor must be a positive integer, got ${factor}`);
  if (factor === 1) return image;
  const out = new Float32Array(height * factor * width * factor * channels);
  const src = image.values;
  for (let y = 0; y < height * factor; y++) {
    for (let x = 0; x < width * factor; x++) {
      const from = (Math.floor(y / factor) * width + Math.floor(x / factor)) * channels;
      const to = (y * width * factor + x) * channels;
      for (let k = 0; k < channels; k++) out[to + k] = src[from + k];
    }
  }
  return new Tensor(out, [height * factor, width * factor, channels]);
}

/** A grey image as RGB (RGB and RGBA images are returned as they are). */
export function toRgb(image: Image): Image {
  const { height, width, channels } = imageSize(image, "toRgb");
  if (channels !== 1) return image;
  const out = new Float32Array(height * width * 3);
  for (let p = 0; p < height * width; p++) out[3 * p] = out[3 * p + 1] = out[3 * p + 2] = image.values[p];
  return new Tensor(out, [height, width, 3]);
}

export interface GridOptions {
  /** Tiles per row (default: the smallest that makes the grid at least as wide as it is tall). */
  columns?: number;
  /** Pixels between tiles and around the edge (default 1). */
  padding?: number;
  /** Grey level of the padding (default 1, white). */
  background?: number;
}

/**
 * Tiles of one size laid out row by row with padding between them (torchvision's make_grid).
 * Grey tiles among colour ones are made RGB.
 */
export function imageGrid(tiles: readonly Image[], { columns, padding = 1, background = 1 }: GridOptions = {}): Image {
  if (tiles.length === 0) throw new RangeError("imageGrid: no tiles given");
  const sizes = tiles.map((t, i) => imageSize(t, `imageGrid: tile ${i}`));
  const channels = Math.max(...sizes.map((s) => s.channels));
  const { height, width } = sizes[0];
  sizes.forEach((s, i) => {
    if (s.height !== height || s.width !== width) throw new RangeError(`imageGrid: tile ${i} is ${s.height}×${s.width}, tile 0 is ${height}×${width}; tiles must share a size`);
  });
  const cols = columns ?? Math.ceil(Math.sqrt(tiles.length));
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`imageGrid: columns must be a positive integer, got ${columns}`);
  const rows = Math.ceil(tiles.length / cols);
  const gridH = rows * (height + padding) + padding;
  const gridW = cols * (width + padding) + padding;
  const out = new Float32Array(gridH * gridW * channels).fill(background);
  if (channels === 4) for (let p = 3; p < out.length; p += 4) out[p] = 1;
  tiles.forEach((tile, i) => {
    const src = (channels === sizes[i].channels ? tile : channels === 4 ? toRgba(tile) : toRgb(tile)).values;
    const top = padding + Math.floor(i / cols) * (height + padding);
    const left = padding + (i % cols) * (width + padding);
    for (let y = 0; y < height; y++) out.set(src.subarray(y * width * channels, (y + 1) * width * channels), ((top + y) * gridW + left) * channels);
  });
  return new Tensor(out, [gridH, gridW, channels]);
}

function toRgba(image: Image): Image {
  const rgb = toRgb(image);
  const { height, width, channels } = imageSize(rgb, "toRgba");
  if (channels === 4) return rgb;
  const out = new Float32Array(height * width * 4);
  for (let p = 0; p < height * width; p++) {
    out.set(rgb.values.subarray(3 * p, 3 * p + 3), 4 * p);
    out[4 * p + 3] = 1;
  }
  return new Tensor(out, [height, width, 4]);
}
