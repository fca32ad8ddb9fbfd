/**
 * Pictures of a captioner at work, as SVG (the words are text, the images embedded PNGs): the
 * attention map of each word of a caption laid over the image, one panel per word, and a grid of
 * images with the captions a model wrote for them.
 */
import { interpolate } from "../ops/index.js";
import { fmtShape, Tensor } from "../tensor/index.js";
import { heatmap, overlay } from "./colormap.js";
import { toImage, upscale } from "./image.js";
import { element, svgDocument, text, textWidth } from "./plots/svg.js";
import { pngDataUrl } from "./png.js";

/** A grey image [1, H, W] or [H, W] (values in [0, 1]) and its sizes. */
function greyImage(image: Tensor, who: string): { height: number; width: number } {
  const shape = image.ndim === 3 && image.shape[0] === 1 ? image.shape.slice(1) : image.shape;
  if (shape.length !== 2) throw new TypeError(`${who}: image must be grey, [1, H, W] or [H, W], got ${fmtShape(image.shape)}`);
  return { height: shape[0], width: shape[1] };
}

/** An image as an SVG <image> at (x, y), scaled without smoothing. */
function embedded(picture: Tensor, x: number, y: number, scale: number): string {
  return element("image", { x, y, width: picture.shape[1] * scale, height: picture.shape[0] * scale, href: pngDataUrl(upscale(picture, scale)) });
}

export interface AttentionFigureOptions {
  /** Pixels per image pixel (default 2). */
  scale?: number;
  title?: string;
}

/**
 * The image, then for each word the attention that produced it laid over the image: maps
 * [words, h, w] (one row per word, as ShowAttendTell.attentionMaps gives them) are upsampled
 * bilinearly to the image's size and coloured by viridis, each stretched to its own range.
 */
export function attentionFigure(image: Tensor, words: readonly string[], maps: Tensor, { scale = 2, title }: AttentionFigureOptions = {}): string {
  const { height, width } = greyImage(image, "attentionFigure");
  if (maps.ndim !== 3 || maps.shape[0] !== words.length) {
    throw new RangeError(`attentionFigure: maps must be [words, h, w] with one map per word (${words.length}), got ${fmtShape(maps.shape)}`);
  }
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`attentionFigure: scale must be a positive integer, got ${scale}`);
  const picture = toImage(new Tensor(image.values, [1, height, width]));
  const big = interpolate(maps.unsqueeze(1), { size: [height, width], mode: "bilinear", alignCorners: false });
  const panel = { width: width * scale, height: height * scale };
  const gap = 6;
  const top = title ? 24 : 4;
  const label = 18;
  const panels = [embedded(picture, gap, top, scale), text(gap + panel.width / 2, top + panel.height + 14, "image", { anchor: "middle" })];
  words.forEach((word, t) => {
    const x = gap + (t + 1) * (panel.width + gap);
    const heat = heatmap(new Tensor(big.values.subarray(t * height * width, (t + 1) * height * width), [height, width]));
    panels.push(embedded(overlay(picture, heat, 0.55), x, top, scale), text(x + panel.width / 2, top + panel.height + 14, word, { anchor: "middle", weight: "bold" }));
  });
  const size = { width: Math.max(gap + (words.length + 1) * (panel.width + gap), title ? textWidth(title) + 2 * gap : 0), height: top + panel.height + label };
  if (title) panels.unshift(text(gap, 16, title, { weight: "bold" }));
  return svgDocument(size, title ?? `attention for: ${words.join(" ")}`, panels);
}

export interface CaptionGridOptions {
  /** Images per row (default 4). */
  columns?: number;
  /** Pixels per image pixel (default 2). */
  scale?: number;
  /** The true captions: a caption that differs is drawn in red with the truth beneath. */
  truth?: readonly string[];
  title?: string;
}

/** Images [N, 1, H, W] in a grid, each with its caption beneath. */
export function captionGrid(images: Tensor, captions: readonly string[], { columns = 4, scale = 2, truth, title }: CaptionGridOptions = {}): string {
  if (images.ndim !== 4 || images.shape[1] !== 1) throw new TypeError(`captionGrid: images must be grey [N, 1, H, W], got ${fmtShape(images.shape)}`);
  const [n, , height, width] = images.shape;
  if (captions.length !== n) throw new RangeError(`captionGrid: ${n} images but ${captions.length} captions`);
  if (truth && truth.length !== n) throw new RangeError(`captionGrid: ${n} images but ${truth.length} true captions`);
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`captionGrid: columns must be a positive integer, got ${columns}`);
  const longest = Math.max(...captions.map((c) => textWidth(c, 11)), ...(truth ?? []).map((c) => textWidth(c, 11)));
  const cell = { width: Math.max(width * scale, longest) + 12, height: height * scale + 40 };
  const top = title ? 24 : 4;
  const body: string[] = title ? [text(6, 16, title, { weight: "bold" })] : [];
  for (let i = 0; i < n; i++) {
    const x = (i % columns) * cell.width + 6;
    const y = top + Math.floor(i / columns) * cell.height;
    const picture = toImage(new Tensor(images.values.subarray(i * height * width, (i + 1) * height * width), [1, height, width]));
    const centre = x + (cell.width - 12) / 2;
    body.push(embedded(picture, centre - (width * scale) / 2, y, scale));
    const wrong = truth !== undefined && truth[i] !== captions[i];
    body.push(text(centre, y + height * scale + 14, captions[i], { anchor: "middle", size: 11, fill: wrong ? "#b2182b" : undefined }));
    if (wrong) body.push(text(centre, y + height * scale + 28, `(truth: ${truth[i]})`, { anchor: "middle", size: 10, fill: "#666666" }));
  }
  const size = { width: Math.max(Math.min(columns, n) * cell.width + 6, title ? textWidth(title) + 12 : 0), height: top + Math.ceil(n / columns) * cell.height };
  return svgDocument(size, title ?? "images and their captions", body);
}
