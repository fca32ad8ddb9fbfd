/** The pictures an unsupervised run on MNIST leaves: rows of weights as 28×28 tiles, digits above their reconstructions, and grids of (sampled) digits. */
import type { Tensor } from "../../tensor/index.js";
import { filterImage, imageGrid, toImage, upscale, writePng } from "../../viz/index.node.js";

const SIDE = 28;

/** Each row of weights [K, 784] (encoder filters, decoder columns, centroids) as a 28×28 tile at its own contrast. */
export async function writeDigitFilters(path: string, rows: Tensor, maxFilters = 256): Promise<void> {
  await writePng(path, filterImage(rows.detach().reshape([rows.shape[0], 1, SIDE, SIDE]), { maxFilters, scale: 2 }));
}

/** inputs [N, 784] in a row above their reconstructions [N, 784], both on the [0, 1] scale. */
export async function writeReconstructions(path: string, inputs: Tensor, reconstructions: Tensor): Promise<void> {
  const tile = (rows: Tensor, i: number) => upscale(toImage(rows.detach().select(0, i).reshape([1, SIDE, SIDE]).clamp(0, 1)), 2);
  const n = inputs.shape[0];
  const tiles = [...Array.from({ length: n }, (_, i) => tile(inputs, i)), ...Array.from({ length: n }, (_, i) => tile(reconstructions, i))];
  await writePng(path, imageGrid(tiles, { columns: n, padding: 2 }));
}

/** Digits [N, 784] with values in [0, 1] as a grid, ten to a row, twice the size. */
export async function writeDigitGrid(path: string, digits: Tensor): Promise<void> {
  const tiles = Array.from({ length: digits.shape[0] }, (_, i) => upscale(toImage(digits.select(0, i).reshape([1, SIDE, SIDE])), 2));
  await writePng(path, imageGrid(tiles, { columns: 10, padding: 2 }));
}
