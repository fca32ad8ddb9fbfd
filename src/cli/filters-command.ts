/**
 * `strata filters RUN_DIR out.png`: the learned filters of any run's checkpoint as one image grid —
 * convolution weights as they are, and the rows (or columns) of a fully connected weight matrix
 * as square tiles when one of its sides is a square image (28×28 digits, 8×8 patches).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadCheckpoint } from "../io/index.js";
import { UsageError } from "./options.js";
import { Tensor, fmtShape } from "../tensor/index.js";
import { filterImage, writePng, type Image } from "../viz/index.node.js";

/** The side of a square image of n pixels (n ≥ 16), or 0. */
function squareSide(n: number): number {
  const side = Math.round(Math.sqrt(n));
  return n >= 16 && side * side === n ? side : 0;
}

/**
 * The picture of one weight tensor, or null when it has no image-shaped side: rank 4 is drawn by
 * filterImage; a matrix [a, b] whose b (else a) is a square image gives one tile per row (else column).
 */
export function weightPicture(weight: Tensor, maxFilters = 256): Image | null {
  if (weight.shape.length === 4) return filterImage(weight, { maxFilters });
  if (weight.shape.length !== 2) return null;
  const [a, b] = weight.shape;
  const byRows = squareSide(b) > 0;
  const side = byRows ? squareSide(b) : squareSide(a);
  if (side === 0) return null;
  const count = byRows ? a : b;
  const pixels = side * side;
  const tiles = new Float32Array(count * pixels);
  for (let f = 0; f < count; f++) for (let p = 0; p < pixels; p++) tiles[f * pixels + p] = byRows ? weight.values[f * b + p] : weight.values[p * b + f];
  return filterImage(new Tensor(tiles, [count, 1, side, side]), { maxFilters });
}

/** Writes the first drawable weight of the run's model (or the one named by `tensor`) to outPath; returns its name. */
export async function filtersCommand(runDir: string, outPath: string, { tensor }: { tensor?: string } = {}): Promise<string> {
  // the picture replaces whatever outPath names: a run's log or checkpoint, given by a slip of the arguments, must not be it
  if (!/\.png$/i.test(outPath)) throw new UsageError(`the picture's path must end in .png, got ${outPath}`);
  const checkpointDir = existsSync(join(runDir, "checkpoint", "checkpoint.json")) ? join(runDir, "checkpoint") : runDir;
  if (!existsSync(join(checkpointDir, "checkpoint.json"))) throw new Error(`${runDir} holds no checkpoint: neither ${join(runDir, "checkpoint", "checkpoint.json")} nor ${join(runDir, "checkpoint.json")} exists`);
  const { model } = await loadCheckpoint(checkpointDir);
  const names = tensor === undefined ? Object.keys(model) : [tensor];
  if (tensor !== undefined && !model[tensor]) throw new Error(`--tensor: the checkpoint has no tensor "${tensor}" (it has: ${Object.keys(model).join(", ")})`);
  for (const name of names) {
    const picture = weightPicture(model[name]);
    if (!picture) continue;
    await writePng(outPath, picture);
    console.log(`${name} ${fmtShape(model[name].shape)} → ${outPath}`);
    return name;
  }
  const shapes = Object.entries(model).map(([name, t]) => `${name} ${fmtShape(t.shape)}`).join(", ");
  throw new Error(`${tensor ? `tensor "${tensor}"` : "no tensor of the checkpoint"} can be drawn as filters: it needs a convolution weight [out, in, kh, kw] or a matrix with a square-image side (e.g. 784 = 28×28); the checkpoint has ${shapes}`);
}
