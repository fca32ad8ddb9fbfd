/** Maps of numbers (saliency, occlusion, activations) as colour images, alone or laid over a picture. */
import { Tensor, fmtShape } from "../tensor/index.js";
import { imageSize, stretch, toRgb, type Contrast, type Image } from "./image.js";

/** Perceptually uniform for magnitudes (viridis' ten anchor colours), and blue–white–red for signed values. */
const colormaps = {
  viridis: ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"],
  diverging: ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"],
} as const;
export type Colormap = keyof typeof colormaps;

/** "#rrggbb" as [r, g, b] in [0, 1]. */
export const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const anchors = Object.fromEntries(Object.entries(colormaps).map(([name, hexes]) => [name, hexes.map(rgbOf)])) as Record<Colormap, number[][]>;

/** The colour of t ∈ [0, 1] on a colormap, linearly between its anchors, written at out[at..at+2]. */
function colourAt(map: number[][], t: number, out: Float32Array, at: number): void {
  const x = Math.min(Math.max(t, 0), 1) * (map.length - 1);
  const i = Math.min(Math.floor(x), map.length - 2);
  const f = x - i;
  for (let k = 0; k < 3; k++) out[at + k] = map[i][k] * (1 - f) + map[i + 1][k] * f;
}

export interface HeatmapOptions {
  /** viridis for magnitudes (default), diverging for signed values (0 is white). */
  colormap?: Colormap;
  /** minmax (default for viridis) or symmetric about 0 (default for diverging). */
  contrast?: Contrast;
}

/** A map [H, W] (or [1, H, W]) as an RGB image, its values stretched onto the colormap. */
export function heatmap(map: Tensor, { colormap = "viridis", contrast }: HeatmapOptions = {}): Image {
  const shape = map.shape.length === 3 && map.shape[0] === 1 ? map.shape.slice(1) : map.shape;
  if (shape.length !== 2) throw new TypeError(`heatmap: expected a map of shape [height, width], got ${fmtShape(map.shape)}`);
  if (!(colormap in colormaps)) throw new RangeError(`heatmap: unknown colormap "${colormap}" (known: ${Object.keys(colormaps).join(", ")})`);
  const t = stretch(map.values, contrast ?? (colormap === "diverging" ? "symmetric" : "minmax"));
  const out = new Float32Array(t.length * 3);
  for (let p = 0; p < t.length; p++) colourAt(anchors[colormap], t[p], out, 3 * p);
  return new Tensor(out, [shape[0], shape[1], 3]);
}

/** heat laid over picture (same height and width) with opacity alpha, the picture dimmed to grey beneath. */
export function overlay(picture: Image, heat: Image, alpha = 0.6): Image {
  const base = toRgb(picture);
  const a = imageSize(base, "overlay: picture");
  const b = imageSize(heat, "overlay: heat");
  if (a.height !== b.height || a.width !== b.width || b.channels !== 3) {
    throw new RangeError(`overlay: heat must be an RGB image the size of the picture (${a.height}×${a.width}), got ${fmtShape(heat.shape)}`);
  }
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`overlay: alpha must be in [0, 1], got ${alpha}`);
  const out = new Float32Array(base.size);
  for (let i = 0; i < out.length; i++) out[i] = (1 - alpha) * base.values[i] + alpha * heat.values[i];
  return new Tensor(out, base.shape);
}
