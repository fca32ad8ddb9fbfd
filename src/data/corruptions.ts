/** Corruptions for restoration tasks: images with a square cut out of each, for inpainting. */
import { Generator, Tensor, fmtShape } from "../tensor/index.js";

/**
 * Images [N, C, H, W] with one size×size square per image set to `fill` (default 0), at a seeded
 * random place; `mask` is 1 on the cut pixels, [N, 1, H, W].
 */
export function maskSquares(x: Tensor, size: number, { generator = new Generator(0), fill = 0 } = {}): { corrupted: Tensor; mask: Tensor } {
  if (x.ndim !== 4) throw new RangeError(`maskSquares: x must be images [N, C, H, W], got ${fmtShape(x.shape)}`);
  const [n, c, h, w] = x.shape;
  if (!Number.isInteger(size) || size < 1 || size > Math.min(h, w)) throw new RangeError(`maskSquares: size must be an integer from 1 to ${Math.min(h, w)}, got ${size}`);
  const values = Float32Array.from(x.values);
  const mask = new Float32Array(n * h * w);
  for (let i = 0; i < n; i++) {
    const top = generator.int(h - size + 1);
    const left = generator.int(w - size + 1);
    for (let r = top; r < top + size; r++) {
      for (let col = left; col < left + size; col++) {
        mask[(i * h + r) * w + col] = 1;
        for (let ch = 0; ch < c; ch++) values[((i * c + ch) * h + r) * w + col] = fill;
      }
    }
  }
  return { corrupted: new Tensor(values, x.shape), mask: new Tensor(mask, [n, 1, h, w]) };
}
