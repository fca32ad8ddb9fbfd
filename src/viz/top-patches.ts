/** The dataset patches that excite a unit most (Zeiler & Fergus fig. 2), cropped to the unit's receptive field. */
import type { Module } from "../nn/index.js";
import { Tensor, fmtShape } from "../tensor/index.js";
import { captureActivations } from "./activations.js";
import { forEachBatch, smallestValue } from "./batches.js";
import { receptiveField } from "./receptive-field.js";

export interface TopPatch {
  /** The sample's index in the inputs. */
  index: number;
  /** The unit's position in the layer's output (empty for a layer without spatial axes). */
  position: number[];
  activation: number;
  /** The input under the unit's receptive field, [C, ...field size]; parts outside the input are `fill`. */
  patch: Tensor;
}

export interface TopPatchOptions {
  /** Channel (or feature, after a Linear) of the layer. */
  unit: number;
  /** How many patches (default 9), each from a different sample. */
  k?: number;
  /** Samples per forward pass (default 256). */
  batchSize?: number;
  /** Value for the parts of a field that lie outside the input (default: the inputs' smallest value, the background of most images). */
  fill?: number;
}

/** input[sample] cut to the window starting at `start` of `size` (2-D spatial), outside filled. */
function crop(inputs: Tensor, sample: number, start: number[], size: number[], fill: number): Tensor {
  const [, c, h, w] = inputs.shape;
  const [sh, sw] = size;
  const out = new Float32Array(c * sh * sw).fill(fill);
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < sh; y++) {
      const iy = start[0] + y;
      if (iy < 0 || iy >= h) continue;
      for (let x = 0; x < sw; x++) {
        const ix = start[1] + x;
        if (ix >= 0 && ix < w) out[(ch * sh + y) * sw + x] = inputs.values[((sample * c + ch) * h + iy) * w + ix];
      }
    }
  }
  return new Tensor(out, [c, sh, sw]);
}

/**
 * The k samples of inputs ([N, C, H, W]) on which the unit of the layer at path fires most, each
 * at its strongest position, with the input patch that position sees.
 */
export function topPatches(model: Module, inputs: Tensor, path: string, { unit, ...options }: TopPatchOptions): TopPatch[] {
  return topPatchesOfUnits(model, inputs, path, [unit], options)[0];
}

/** topPatches for several units of one layer, from one pass over the inputs: one list per unit. */
export function topPatchesOfUnits(model: Module, inputs: Tensor, path: string, units: readonly number[], { k = 9, batchSize = 256, fill = smallestValue(inputs) }: Omit<TopPatchOptions, "unit"> = {}): TopPatch[][] {
  if (inputs.shape.length !== 4) throw new TypeError(`topPatches: expected images [N, C, H, W], got ${fmtShape(inputs.shape)}`);
  const [, c, h, w] = inputs.shape;
  const best = units.map(() => [] as { index: number; offset: number; activation: number }[]);
  let layerShape: number[] = [];
  forEachBatch(inputs, batchSize, (batch, from) => {
    const out = captureActivations(model, batch, [path]).activations.get(path);
    if (!out) throw new Error(`topPatches: layer "${path}" was not run by ${model.constructor.name}'s forward`);
    layerShape = [...out.shape];
    const channels = out.shape[1];
    const positions = out.shape.slice(2).reduce((a, b) => a * b, 1);
    units.forEach((unit, u) => {
      if (!Number.isInteger(unit) || unit < 0 || unit >= channels) throw new RangeError(`topPatches: unit must be an integer in [0, ${channels}) for layer "${path}" of output ${fmtShape(out.shape)}, got ${unit}`);
      for (let s = 0; s < batch.shape[0]; s++) {
        let bestOffset = 0;
        let bestValue = -Infinity;
        const base = (s * channels + unit) * positions;
        for (let p = 0; p < positions; p++) if (out.values[base + p] > bestValue) [bestValue, bestOffset] = [out.values[base + p], p];
        best[u].push({ index: from + s, offset: bestOffset, activation: bestValue });
      }
      best[u].sort((a, b) => b.activation - a.activation).splice(k);
    });
  });
  const field = receptiveField(model, path, [1, c, h, w]);
  const spatial = layerShape.slice(2);
  return best.map((list) => list.map(({ index, offset, activation }) => {
    const position = spatial.length === 2 ? [Math.floor(offset / spatial[1]), offset % spatial[1]] : [];
    const start = position.length === 2 ? position.map((p, a) => field.start[a] + p * field.jump[a]) : [0, 0];
    const size = position.length === 2 ? field.size : [h, w];
    return { index, position, activation, patch: crop(inputs, index, start, size, fill) };
  }));
}
