/** The pictures an unsupervised run leaves: rows of weights as square tiles, digits above their reconstructions, and grids of (sampled) digits. */
import type { Tensor } from "../../tensor/index.js";
import { filterImage, imageGrid, toImage, upscale, writePng } from "../../viz/index.node.js";

const SIDE = 28;

/**
 * Each row of weights [K, side²] (encoder filters, dictionary atoms, decoder columns, centroids) as
 * a side×side tile at its own contrast, the first maxFilters of them, drawn about 50 pixels wide.
 */
export async function writeFilterGrid(path: string, rows: Tensor, { side = SIDE, maxFilters = 256 } = {}): Promise<void> {
  const scale = Math.max(1, Math.round(50 / side));
  await writePng(path, filterImage(rows.detach().reshape([rows.shape[0], 1, side, side]), { maxFilters, scale }));
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
