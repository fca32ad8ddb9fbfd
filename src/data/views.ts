/**
 * Views of an image batch for test-time augmentation: the crops, mirror images and rescalings a
 * classifier is run on and whose predictions are averaged (train.predictOverViews). Each takes
 * x [N, C, H, W] and returns new tensors; torchvision's FiveCrop and TenCrop give the same crops in
 * the same order.
 */
import { arange, indexSelect, interpolate, narrow, pad } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { imageBatch } from "./transforms.js";

/** A set of views of a batch: each view must keep what the model expects of its input (its size, for most nets). */
export type TestViews = (x: Tensor) => Tensor[];

/** Python's round (half to even), which torchvision's centre crop uses. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function cropSize(op: string, x: Tensor, size: number | readonly [number, number]): [number, number] {
  const [, , h, w] = imageBatch(op, x);
  const [ch, cw] = typeof size === "number" ? [size, size] : size;
  for (const v of [ch, cw]) if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: the crop size must be positive integers, got ${JSON.stringify(size)}`);
  if (ch > h || cw > w) throw new RangeError(`${op}: a ${ch}×${cw} crop does not fit ${h}×${w} images`);
  return [ch, cw];
}

const crop = (x: Tensor, top: number, left: number, h: number, w: number) => narrow(narrow(x, 2, top, h), 3, left, w);

/** The four corner crops and the centre crop of each image (top-left, top-right, bottom-left, bottom-right, centre). */
export function fiveCrop(x: Tensor, size: number | readonly [number, number]): Tensor[] {
  const [h, w] = cropSize("fiveCrop", x, size);
  const [H, W] = [x.shape[2], x.shape[3]];
  const top = roundHalfEven((H - h) / 2);
  const left = roundHalfEven((W - w) / 2);
  return [crop(x, 0, 0, h, w), crop(x, 0, W - w, h, w), crop(x, H - h, 0, h, w), crop(x, H - h, W - w, h, w), crop(x, top, left, h, w)];
}

/** Each image mirrored left to right. */
export function horizontalFlip(x: Tensor): Tensor {
  const w = imageBatch("horizontalFlip", x)[3];
  return indexSelect(x, 3, arange(w - 1, -1, -1, { dtype: "int32" }));
}

/** The five crops of the images, then the five crops of their mirror images (torchvision's TenCrop). */
export function tenCrop(x: Tensor, size: number | readonly [number, number]): Tensor[] {
  cropSize("tenCrop", x, size);
  return [...fiveCrop(x, size), ...fiveCrop(horizontalFlip(x), size)];
}

/**
 * The images resized by `factor` (bilinear), then centre-cropped (factor > 1) or padded with `fill`
 * around (factor < 1) back to H×W, so a net with a fixed input size sees the object larger or smaller.
 */
export function rescale(x: Tensor, factor: number, fill = 0): Tensor {
  const [, , h, w] = imageBatch("rescale", x);
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`rescale: factor must be a positive number, got ${factor}`);
  const size = [Math.max(1, Math.round(h * factor)), Math.max(1, Math.round(w * factor))];
  const resized = interpolate(x, { size, mode: "bilinear" });
  // pad's negative amounts crop, so one call pads a shrunk image and crops an enlarged one
  const [dh, dw] = [h - size[0], w - size[1]];
  return pad(resized, [Math.floor(dw / 2), dw - Math.floor(dw / 2), Math.floor(dh / 2), dh - Math.floor(dh / 2)], fill);
}
