/** Label maps (a class for every pixel, as dense labelling predicts them) as colour images, one fixed colour per class. */
import { fmtShape, Tensor } from "../tensor/index.js";
import { rgbOf } from "./colormap.js";
import type { Image } from "./image.js";
import { categoricalColors } from "./plots/theme.js";

export interface LabelMapOptions {
  /** Colour of each class, "#rrggbb". Default: Tableau 10 for classes 0–9. */
  colors?: readonly string[];
  /** A class drawn black instead (the background, so the objects stand out). */
  background?: number;
}

/** An int32 label map [H, W] (or [1, H, W]) as an RGB image, each pixel its class's colour. */
export function labelMapImage(labels: Tensor, { colors = categoricalColors(10), background }: LabelMapOptions = {}): Image {
  const shape = labels.shape.length === 3 && labels.shape[0] === 1 ? labels.shape.slice(1) : labels.shape;
  if (shape.length !== 2 || labels.dtype !== "int32") throw new TypeError(`labelMapImage: expected an int32 label map [height, width], got ${labels.dtype} ${fmtShape(labels.shape)}`);
  const rgb = colors.map(rgbOf);
  const out = new Float32Array(labels.size * 3);
  labels.values.forEach((k, p) => {
    if (k === background) return; // stays black
    if (!(k >= 0 && k < rgb.length)) throw new RangeError(`labelMapImage: class ${k} at pixel ${p} has no colour (${rgb.length} colours given${background === undefined ? "" : `, background ${background}`})`);
    out.set(rgb[k], 3 * p);
  });
  return new Tensor(out, [shape[0], shape[1], 3]);
}
