/**
 * Invariance curves (Zeiler & Fergus 2014, fig. 5): how far a layer's features move, how a chosen
 * unit's output and the true class's probability hold, as the input is shifted, scaled and rotated.
 */
import type { Module } from "../nn/index.js";
import { softmax } from "../ops/index.js";
import { Tensor, fmtShape } from "../tensor/index.js";
import { captureActivations, inference } from "./activations.js";
import { smallestValue } from "./batches.js";
import { warpImage, type Warp } from "./warp.js";

export type WarpKind = "translation" | "scale" | "rotation";

export interface InvarianceCurve {
  kind: WarpKind;
  /** Pixels, scale factors or degrees. */
  amounts: number[];
  /** Per layer path: the Euclidean distance of its features from those of the untouched input, at each amount. */
  featureDistance: Record<string, number[]>;
  /** Probability of targetClass at each amount. */
  probability: number[];
  /** The chosen unit's output at each amount (its strongest value over positions), when a unit was given. */
  unitOutput?: number[];
}

export interface InvarianceOptions {
  /** The class whose probability is followed (usually the true one). */
  targetClass: number;
  /** Layers whose feature distances are followed (dotted paths). */
  layers: string[];
  /** A unit to follow: a channel (or feature) of a layer; its strongest value over positions is recorded. */
  unit?: { layer: string; channel: number };
  /** Horizontal shifts in pixels (default −8…8 in steps of 1). */
  translations?: number[];
  /** Scale factors (default 0.6…1.4 in steps of 0.05). */
  scales?: number[];
  /** Rotations in degrees (default −90…90 in steps of 10). */
  rotations?: number[];
  /** Value for pixels coming from outside the image (default: the input's smallest value). */
  fill?: number;
}

const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => +(from + i * step).toFixed(6));

const warpOf: Record<WarpKind, (amount: number) => Warp> = {
  translation: (dx) => ({ dx }),
  scale: (scale) => ({ scale }),
  rotation: (degrees) => ({ degrees }),
};

/** The three curves for one input image ([1, C, H, W]): each warp's copies go through the model as one batch. */
export function invarianceCurves(model: Module, input: Tensor, options: InvarianceOptions): InvarianceCurve[] {
  if (input.shape.length !== 4 || input.shape[0] !== 1) throw new TypeError(`invarianceCurves: expected one image [1, C, H, W], got ${fmtShape(input.shape)}`);
  const fill = options.fill ?? smallestValue(input);
  const amounts: Record<WarpKind, number[]> = {
    translation: options.translations ?? range(-8, 8, 1),
    scale: options.scales ?? range(0.6, 1.4, 0.05),
    rotation: options.rotations ?? range(-90, 90, 10),
  };
  const tapped = options.unit && !options.layers.includes(options.unit.layer) ? [...options.layers, options.unit.layer] : options.layers;
  const reference = captureActivations(model, input, tapped).activations;
  if (options.unit) {
    const channels = reference.get(options.unit.layer)!.shape[1];
    const { channel } = options.unit;
    if (!(Number.isInteger(channel) && channel >= 0 && channel < channels)) throw new RangeError(`invarianceCurves: unit.channel must be an integer in [0, ${channels}) for layer "${options.unit.layer}", got ${channel}`);
  }
  return (Object.keys(amounts) as WarpKind[]).map((kind) => {
    const copies = amounts[kind].map((a) => warpImage(input, warpOf[kind](a), fill));
    const size = input.size;
    const batch = new Float32Array(copies.length * size);
    copies.forEach((copy, i) => batch.set(copy.values, i * size));
    const { activations, output } = captureActivations(model, new Tensor(batch, [copies.length, ...input.shape.slice(1)]), tapped);
    const probabilities = inference(model, () => softmax(output, -1));
    const classes = probabilities.shape[1];
    if (!(Number.isInteger(options.targetClass) && options.targetClass >= 0 && options.targetClass < classes)) {
      throw new RangeError(`invarianceCurves: targetClass must be an integer in [0, ${classes}), got ${options.targetClass}`);
    }
    const featureDistance = Object.fromEntries(options.layers.map((path) => {
      const ref = reference.get(path)!.values;
      const all = activations.get(path)!.values;
      return [path, copies.map((_, i) => {
        let sum = 0;
        for (let j = 0; j < ref.length; j++) sum += (all[i * ref.length + j] - ref[j]) ** 2;
        return Math.sqrt(sum);
      })];
    }));
    const curve: InvarianceCurve = { kind, amounts: amounts[kind], featureDistance, probability: copies.map((_, i) => probabilities.values[i * classes + options.targetClass]) };
    if (options.unit) curve.unitOutput = strongest(activations.get(options.unit.layer)!, options.unit.channel);
    return curve;
  });
}

/** Each sample's largest value of one channel of a layer's output [N, C, …]. */
function strongest(output: Tensor, channel: number): number[] {
  const [n, c] = output.shape;
  const per = output.size / (n * c);
  return Array.from({ length: n }, (_, i) => {
    let best = -Infinity;
    for (let p = 0; p < per; p++) best = Math.max(best, output.values[(i * c + channel) * per + p]);
    return best;
  });
}
