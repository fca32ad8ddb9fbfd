/** What each layer computes for an input: activations caught by forward hooks, and pictures of them. */
import { noGrad } from "../autograd/index.js";
import { withEvalMode, type Module } from "../nn/index.js";
import { concat } from "../ops/index.js";
import { Tensor, fmtShape } from "../tensor/index.js";
import { forEachBatch } from "./batches.js";
import { imageGrid, toImage, upscale, type Image } from "./image.js";

/** fn's result with model in evaluation mode and without a graph; the modes are restored after. */
export const inference = <T>(model: Module, fn: () => T): T => withEvalMode(model, () => noGrad(fn));

/**
 * The output of each layer at paths (dotted state-dict paths; default: every layer without
 * sub-layers) for input, read by forward hooks during one forward pass in evaluation mode. A layer
 * called more than once keeps its last output. Also returns the model's output.
 */
export function captureActivations(model: Module, input: Tensor, paths?: readonly string[]): { activations: Map<string, Tensor>; output: Tensor } {
  const chosen = paths ?? model.namedModules().filter(([path, m]) => path !== "" && m.children().length === 0).map(([path]) => path);
  const layers = chosen.map((path) => [path, model.getSubmodule(path)] as const);
  const activations = new Map<string, Tensor>();
  const handles = layers.map(([path, layer]) => layer.registerForwardHook((_, __, output) => void activations.set(path, output)));
  try {
    const output = inference(model, () => model.forward(input));
    return { activations: new Map(chosen.filter((p) => activations.has(p)).map((p) => [p, activations.get(p)!])), output };
  } finally {
    for (const handle of handles) handle.remove();
  }
}

/**
 * The "CNN codes" of x [N, …] at the layer at path (a dotted state-dict path such as "features.3"):
 * its output for every sample flattened to [N, features], batchSize samples at a time, in
 * evaluation mode and without a graph.
 */
export function extractFeatures(model: Module, x: Tensor, path: string, { batchSize = 500 }: { batchSize?: number } = {}): Tensor {
  try {
    model.getSubmodule(path);
  } catch (e) {
    throw new RangeError(`extractFeatures: ${(e as Error).message}`);
  }
  if (x.shape[0] === 0) throw new RangeError("extractFeatures: x holds no samples");
  const rows: Tensor[] = [];
  forEachBatch(x, batchSize, (batch) => {
    const activation = captureActivations(model, batch, [path]).activations.get(path);
    if (!activation) throw new RangeError(`extractFeatures: layer "${path}" was not run by ${model.constructor.name}'s forward`);
    rows.push(activation.reshape([batch.shape[0], -1]));
  });
  return concat(rows, 0);
}

/** values scaled by their largest magnitude onto [0, 1] with 0 black, so a silent map stays black. */
function brightness(values: ArrayLike<number>): Float32Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return Float32Array.from(values, (v) => (max > 0 ? Math.abs(v) / max : 0));
}

/**
 * One sample's activation of a layer as a picture: a grid of one grey map per channel for
 * [1, C, H, W] (or [C, H, W]), each map by its own peak (black is 0); a vector ([1, N] or [N]) as a
 * near-square grid of cells.
 */
export function activationImage(activation: Tensor, { scale }: { scale?: number } = {}): Image {
  const shape = activation.shape[0] === 1 && activation.shape.length > 1 ? activation.shape.slice(1) : activation.shape;
  if (shape.length === 1) {
    const n = shape[0];
    const side = Math.ceil(Math.sqrt(n));
    const cells = new Float32Array(side * side);
    cells.set(brightness(activation.values.slice(0, n)));
    return upscale(toImage(new Tensor(cells, [1, side, side])), scale ?? Math.max(1, Math.ceil(96 / side)));
  }
  if (shape.length !== 3) throw new TypeError(`activationImage: expected one sample's activation [C, H, W] or [N] (a leading batch of 1 is allowed), got ${fmtShape(activation.shape)}`);
  const [c, h, w] = shape;
  const factor = scale ?? Math.max(1, Math.ceil(28 / Math.max(h, w)));
  const tiles = Array.from({ length: c }, (_, k) => upscale(toImage(new Tensor(brightness(activation.values.slice(k * h * w, (k + 1) * h * w)), [1, h, w])), factor));
  return imageGrid(tiles, { columns: Math.min(c, 16), padding: 1 });
}

/** The channel (or feature) of the layer at path that fires most on input, a batch of one: the unit to follow or project. */
export function strongestChannel(model: Module, input: Tensor, path: string): number {
  const activation = captureActivations(model, input, [path]).activations.get(path);
  if (!activation) throw new Error(`strongestChannel: layer "${path}" was not run by ${model.constructor.name}'s forward`);
  const channels = activation.shape[1];
  const per = activation.size / channels;
  let best = 0;
  let bestValue = -Infinity;
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < per; p++) {
      const v = activation.values[c * per + p];
      if (v > bestValue) [bestValue, best] = [v, c];
    }
  }
  return best;
}
