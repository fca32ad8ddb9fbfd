/**
 * Quarter-turn rotations of images, and a seeded random one per image: an attribute of each sample
 * that its class does not decide (the second task of a multi-task net on MNIST).
 */
import { allocate, Generator, Tensor } from "../tensor/index.js";
import { imageBatch } from "./transforms.js";

/**
 * Each image i of x [N, C, H, W] (square, H = W) turned counter-clockwise by turns[i] quarter turns
 * (0–3), as torch.rot90(x[i], turns[i], dims=(1, 2)): one turn maps out[r][c] = x[c][W − 1 − r].
 */
export function rotateQuarterTurns(x: Tensor, turns: ArrayLike<number>): Tensor {
  const [n, channels, h, w] = imageBatch("rotateQuarterTurns", x);
  if (h !== w) throw new RangeError(`rotateQuarterTurns: images must be square to keep their shape when turned, got ${h}×${w}`);
  if (turns.length !== n) throw new RangeError(`rotateQuarterTurns: ${n} images but ${turns.length} turns; give one per image`);
  const out = new Tensor(allocate(x.dtype, x.size), x.shape);
  const last = w - 1;
  // where output pixel (r, c) reads from, per number of turns
  const source = [
    (r: number, c: number) => r * w + c,
    (r: number, c: number) => c * w + (last - r),
    (r: number, c: number) => (last - r) * w + (last - c),
    (r: number, c: number) => (last - c) * w + r,
  ];
  for (let i = 0; i < n; i++) {
    const k = turns[i];
    if (!Number.isInteger(k) || k < 0 || k > 3) throw new RangeError(`rotateQuarterTurns: turns[${i}] must be 0, 1, 2 or 3, got ${k}`);
    const from = source[k];
    for (let ch = 0; ch < channels; ch++) {
      const plane = (i * channels + ch) * h * w;
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out.values[plane + r * w + c] = x.values[plane + from(r, c)];
    }
  }
  return out;
}

/** Each image turned by a uniformly drawn 0–3 quarter turns; the turns (int32 [N]) are the labels of the rotation task. */
export function randomQuarterTurns(x: Tensor, generator = new Generator(0)): { x: Tensor; turns: Tensor } {
  const turns = Int32Array.from({ length: x.shape[0] }, () => generator.int(4));
  return { x: rotateQuarterTurns(x, turns), turns: new Tensor(turns, [turns.length]) };
}
