/** Dictionary atoms and encoder rows as a PNG grid of square tiles. */
import type { Tensor } from "../../tensor/index.js";
import { filterImage, writePng } from "../../viz/index.node.js";

/** Writes the rows of weight [K, side²] as a grid of side×side tiles (each at its own contrast) to path. */
export async function writeAtomGrid(path: string, weight: Tensor, side: number): Promise<void> {
  await writePng(path, filterImage(weight.detach().reshape([weight.shape[0], 1, side, side]), { scale: Math.max(1, Math.ceil(24 / side)) }));
}
