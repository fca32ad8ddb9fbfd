/** The pictures of an RBM trained on MNIST: each hidden unit's weights as a 28×28 tile, and Gibbs samples as a grid of digits. */
import type { Tensor } from "../../tensor/index.js";
import { filterImage, imageGrid, toImage, upscale, writePng } from "../../viz/index.node.js";

/** Hidden units' incoming weights [hidden, 784] as a grid of 28×28 tiles, each at its own contrast (the first `count`). */
export async function writeDigitFilters(path: string, weight: Tensor, count = 100): Promise<void> {
  await writePng(path, filterImage(weight.detach().reshape([weight.shape[0], 1, 28, 28]), { maxFilters: count, scale: 2 }));
}

/** Digits [N, 784] with values in [0, 1] as a grid, ten to a row, twice the size. */
export async function writeDigitGrid(path: string, digits: Tensor): Promise<void> {
  const tiles = Array.from({ length: digits.shape[0] }, (_, i) => upscale(toImage(digits.select(0, i).reshape([1, 28, 28])), 2));
  await writePng(path, imageGrid(tiles, { columns: 10, padding: 2 }));
}
