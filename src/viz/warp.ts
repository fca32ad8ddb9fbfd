/** Moving, scaling and rotating an image tensor (bilinear resampling about its centre), for invariance curves. */
import { Tensor, fmtShape } from "../tensor/index.js";

export interface Warp {
  /** Shift right by this many pixels (negative: left). */
  dx?: number;
  /** Shift down by this many pixels. */
  dy?: number;
  /** Magnify about the centre (2 doubles the size). */
  scale?: number;
  /** Rotate about the centre, anticlockwise, in degrees. */
  degrees?: number;
}

/**
 * input ([1, C, H, W] or [C, H, W]) warped: each output pixel reads the input at the inverse of
 * the warp, bilinearly; pixels that come from outside the input get `fill` (choose the background,
 * e.g. the smallest value of a normalised MNIST digit).
 */
export function warpImage(input: Tensor, { dx = 0, dy = 0, scale = 1, degrees = 0 }: Warp, fill = 0): Tensor {
  const rank = input.shape.length;
  if ((rank !== 3 && rank !== 4) || (rank === 4 && input.shape[0] !== 1)) {
    throw new TypeError(`warpImage: expected one image [C, H, W] or [1, C, H, W], got ${fmtShape(input.shape)}`);
  }
  if (!(scale > 0)) throw new RangeError(`warpImage: scale must be positive, got ${scale}`);
  const [c, h, w] = input.shape.slice(-3);
  const src = input.values;
  const out = new Float32Array(c * h * w);
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  const cos = Math.cos((degrees * Math.PI) / 180);
  const sin = Math.sin((degrees * Math.PI) / 180);
  const at = (ch: number, y: number, x: number) => (y >= 0 && y < h && x >= 0 && x < w ? src[(ch * h + y) * w + x] : fill);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Undo the shift, then the rotation (image rows grow downwards, hence the signs), then the scale.
      const u = x - cx - dx;
      const v = y - cy - dy;
      const sx = (cos * u - sin * v) / scale + cx;
      const sy = (sin * u + cos * v) / scale + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let ch = 0; ch < c; ch++) {
        const top = at(ch, y0, x0) * (1 - fx) + at(ch, y0, x0 + 1) * fx;
        const bottom = at(ch, y0 + 1, x0) * (1 - fx) + at(ch, y0 + 1, x0 + 1) * fx;
        out[(ch * h + y) * w + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return new Tensor(out, input.shape);
}
