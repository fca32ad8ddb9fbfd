/**
 * Natural images shipped by npm (nothing downloaded): the mandrill ("baboon") test photograph of
 * the USC-SIPI image database, as the `baboon-image-uri` package carries it (128×128 RGB PNG), and
 * random patches of it — the usual input for learning edge-like filters.
 */
import { requirePackage } from "#platform/files.js";
import { decode } from "fast-png";
import { mean, narrow, sub } from "../ops/index.js";
import { Generator, Tensor } from "../tensor/index.js";

/** The mandrill photograph as a float32 tensor [3, 128, 128] (RGB, channel-first) in [0, 1]. */
export function mandrill(): Tensor {
  const uri = requirePackage("baboon-image-uri", "mandrill()") as string;
  const png = decode(Buffer.from(uri.slice(uri.indexOf(",") + 1), "base64"));
  const { width, height, channels, depth } = png;
  if (depth !== 8 || channels < 3) throw new Error(`mandrill: expected an 8-bit RGB PNG in baboon-image-uri, found ${channels} channels of ${depth} bits`);
  const out = new Float32Array(3 * width * height);
  for (let p = 0; p < width * height; p++) for (let c = 0; c < 3; c++) out[c * width * height + p] = png.data[p * channels + c] / 255;
  return new Tensor(out, [3, height, width]);
}

/** An image [C, H, W] as grey levels [1, H, W] (ITU-R BT.601 luma: 0.299 R + 0.587 G + 0.114 B). */
export function toGrey(image: Tensor): Tensor {
  if (image.ndim !== 3 || (image.shape[0] !== 3 && image.shape[0] !== 1)) {
    throw new TypeError(`toGrey: image must be [3, H, W] or [1, H, W], got [${image.shape.join(", ")}]`);
  }
  if (image.shape[0] === 1) return image;
  const plane = image.shape[1] * image.shape[2];
  const v = image.values;
  const out = new Float32Array(plane);
  for (let p = 0; p < plane; p++) out[p] = 0.299 * v[p] + 0.587 * v[plane + p] + 0.114 * v[2 * plane + p];
  return new Tensor(out, [1, image.shape[1], image.shape[2]]);
}

/**
 * `count` square patches of side `size` cut at seeded random positions from image [C, H, W]:
 * [count, C, size, size]. Patches overlap and may repeat (a 128×128 image has 121² 8×8 positions).
 * With `symmetries`, each patch is also given one of the 8 flips and quarter-turns of the square
 * at random — natural-image statistics hardly change under them, and a small photograph yields
 * 8× as many distinct patches.
 */
export function randomPatches(image: Tensor, size: number, count: number, seed = 0, { symmetries = false } = {}): Tensor {
  if (image.ndim !== 3) throw new TypeError(`randomPatches: image must be [C, H, W], got [${image.shape.join(", ")}]`);
  const [channels, height, width] = image.shape;
  if (!Number.isInteger(size) || size < 1 || size > Math.min(height, width)) {
    throw new RangeError(`randomPatches: size must be an integer from 1 to ${Math.min(height, width)} (the image is ${height}×${width}), got ${size}`);
  }
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`randomPatches: count must be a non-negative integer, got ${count}`);
  const generator = new Generator(seed);
  // a generator of its own, so that the positions are the same with and without symmetries
  const turns = new Generator(seed + 0x9e3779b9);
  const out = new Float32Array(count * channels * size * size);
  let k = 0;
  for (let n = 0; n < count; n++) {
    const top = generator.int(height - size + 1);
    const left = generator.int(width - size + 1);
    const symmetry = symmetries ? turns.int(8) : 0;
    // symmetry bit 0 flips rows, bit 1 flips columns, bit 2 transposes
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          let [a, b] = symmetry & 4 ? [j, i] : [i, j];
          if (symmetry & 1) a = size - 1 - a;
          if (symmetry & 2) b = size - 1 - b;
          out[k++] = image.values[(c * height + top + a) * width + left + b];
        }
      }
    }
  }
  return new Tensor(out, [count, channels, size, size]);
}

/** Which part of the mandrill patches come from: all of it, or the left 96 columns ("train") or right 32 ("test"), which share no pixel. */
export type MandrillPart = "all" | "train" | "test";

/** Columns [from, to) of each part of the 128-pixel-wide photograph. */
const PART_COLUMNS: Record<MandrillPart, [number, number]> = { all: [0, 128], train: [0, 96], test: [96, 128] };

/**
 * `count` grey patches of the mandrill, side `size`, flattened to [count, size²], each with its own
 * mean removed (the DC component carries brightness, not structure; learning then starts from edges).
 */
export function greyPatches(size: number, count: number, { seed = 0, part = "all", symmetries = false }: { seed?: number; part?: MandrillPart; symmetries?: boolean } = {}): Tensor {
  const columns = PART_COLUMNS[part];
  if (!columns) throw new TypeError(`greyPatches: part must be "all", "train" or "test", got ${JSON.stringify(part)}`);
  const region = narrow(toGrey(mandrill()), 2, columns[0], columns[1] - columns[0]);
  const flat = randomPatches(region, size, count, seed, { symmetries });
  const patches = new Tensor(flat.values, [count, size * size]);
  return sub(patches, mean(patches, 1, true));
}
