/** Zeiler & Fergus's deconvnet (2014): one unit's activation projected back down to pixel space. */
import { noGrad } from "../../autograd/index.js";
import * as nn from "../../nn/index.js";
import { convTranspose, matmul, maxUnpool, mul, relu, reshape, resolveConvPadding } from "../../ops/index.js";
import { fmtShape, Tensor } from "../../tensor/index.js";
import { asSingleImage } from "../class-scores.js";

export interface DeconvnetOptions {
  /** The layer whose output holds the unit: its index among the model's layers, or its state-dict path ("3"). */
  layer: number | string;
  /** The channel (or, after a Linear, the feature) to project. */
  unit: number;
  /** Where in the channel: "max" (default) for its strongest activation on this input, or spatial coordinates. */
  position?: "max" | readonly number[];
}

/** The layers deconvnet can walk back through, as named in errors. */
const SUPPORTED = "Conv1d/2d/3d, MaxPool1d/2d/3d, ReLU, Linear, Flatten, Dropout, Identity (and nested Sequentials)";

/** Carries a signal from a layer's output back to its input, using what the forward pass recorded. */
type Descent = (signal: Tensor) => Tensor;

/**
 * The projection [C, H, W] of one unit of `layer` back to the input (one image, [C, H, W] or
 * [1, C, H, W]). All other activations of that layer are set to zero, then each layer below is
 * undone in turn, as in Zeiler & Fergus: max-pooling by unpooling with the switches this input
 * produced, ReLU by rectifying, a convolution by the transposed convolution with the same filters
 * (no bias), a Linear by its transposed weight, Flatten by reshaping.
 */
export function deconvnet(model: nn.Sequential, input: Tensor, options: DeconvnetOptions): Tensor {
  const fn = "deconvnet";
  if (!(model instanceof nn.Sequential)) throw new TypeError(`${fn}: model must be an nn.Sequential (the chain of layers to walk back), got ${(model as object | null)?.constructor?.name ?? model}`);
  const chain = layerChain(model, "");
  const top = layerIndex(fn, chain, options.layer);
  const x = asSingleImage(fn, input);
  return noGrad(() => {
    const descents: Descent[] = [];
    let activation = x;
    for (const [name, layer] of chain.slice(0, top + 1)) {
      const step = ascend(fn, name, layer, activation);
      descents.push(step.descend);
      activation = step.output;
    }
    let signal = isolateUnit(fn, `layer ${chain[top][0]} (${chain[top][1].constructor.name})`, activation, options.unit, options.position ?? "max");
    for (const descend of descents.reverse()) signal = descend(signal);
    return reshape(signal, signal.shape.slice(1));
  });
}

/** The model's layers in order with their state-dict paths, nested Sequentials opened up. */
function layerChain(model: nn.Sequential, prefix: string): [string, nn.Module][] {
  return model.namedChildren().flatMap(([name, child]): [string, nn.Module][] => {
    const path = prefix ? `${prefix}.${name}` : name;
    return child instanceof nn.Sequential ? layerChain(child, path) : [[path, child]];
  });
}

function layerIndex(fn: string, chain: [string, nn.Module][], layer: number | string): number {
  if (typeof layer === "string") {
    const found = chain.findIndex(([name]) => name === layer);
    if (found < 0) throw new RangeError(`${fn}: no layer named ${JSON.stringify(layer)}; the layers are ${chain.map(([name]) => name).join(", ")}`);
    return found;
  }
  if (!Number.isInteger(layer) || layer < 0 || layer >= chain.length) {
    throw new RangeError(`${fn}: layer ${layer} is out of range for a model of ${chain.length} layers (expected 0 to ${chain.length - 1})`);
  }
  return layer;
}

/** Run one layer forward on x, and say how to carry a signal back down through it. */
function ascend(fn: string, name: string, layer: nn.Module, x: Tensor): { output: Tensor; descend: Descent } {
  if (layer instanceof nn.MaxPoolNd) {
    const { output, indices } = layer.forwardWithIndices(x);
    const { kernel, stride, padding } = layer.geometry;
    return { output, descend: (y) => maxUnpool(y, indices, kernel, { stride, padding, outputSize: x.shape }) };
  }
  if (layer instanceof nn.ReLU) return { output: relu(x), descend: relu };
  if (layer instanceof nn.ConvNd) return { output: layer.forward(x), descend: (y) => transposedConv(fn, name, layer, y, x.shape) };
  if (layer instanceof nn.Linear) return { output: layer.forward(x), descend: (y) => matmul(y, layer.weight) };
  if (layer instanceof nn.Flatten) return { output: layer.forward(x), descend: (y) => reshape(y, x.shape) };
  if (layer instanceof nn.Dropout || layer instanceof nn.Identity) return { output: layer.forward(x), descend: (y) => y };
  throw new TypeError(`${fn}: cannot walk back through layer ${name} (${layer.constructor.name}); supported layers: ${SUPPORTED}`);
}

/** The convolution's transpose with its own filters and no bias, sized back to the layer's input. */
function transposedConv(fn: string, name: string, layer: nn.ConvNd, y: Tensor, inputShape: readonly number[]): Tensor {
  const { kernelSize, stride, dilation, groups } = layer;
  const { before, after } = resolveConvPadding(layer.constructor.name, layer.padding, kernelSize, dilation, stride);
  if (before.some((p, i) => p !== after[i])) {
    throw new RangeError(`${fn}: layer ${name} pads unevenly (${fmtShape(before)} before, ${fmtShape(after)} after), which a transposed convolution cannot undo`);
  }
  const outSize = inputShape.slice(2);
  // a stride-S convolution drops up to S − 1 trailing positions; outputPadding puts them back
  const outputPadding = y.shape.slice(2).map((n, i) => outSize[i] - ((n - 1) * stride[i] - 2 * before[i] + dilation[i] * (kernelSize[i] - 1) + 1));
  return convTranspose(y, layer.weight, null, { stride, padding: before, dilation, groups, outputPadding });
}

/** A copy of activation [1, K, …spatial] that is zero except at the one element chosen. */
function isolateUnit(fn: string, where: string, activation: Tensor, unit: number, position: "max" | readonly number[]): Tensor {
  const [, units, ...spatial] = activation.shape;
  if (!Number.isInteger(unit) || unit < 0 || unit >= units) {
    throw new RangeError(`${fn}: unit ${unit} is out of range for ${where}, which has ${units} channels (expected 0 to ${units - 1})`);
  }
  const planeSize = spatial.reduce((n, d) => n * d, 1);
  const plane = activation.values.subarray(unit * planeSize, (unit + 1) * planeSize);
  const offset = position === "max" ? strongest(plane) : flatPosition(fn, where, position, spatial);
  const oneHot = new Float32Array(activation.size);
  oneHot[unit * planeSize + offset] = 1;
  return mul(activation, new Tensor(oneHot, activation.shape));
}

/** Index of the largest value (the first, if tied). */
function strongest(plane: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < plane.length; i++) if (plane[i] > plane[best]) best = i;
  return best;
}

function flatPosition(fn: string, where: string, position: readonly number[], spatial: readonly number[]): number {
  const inside = position.length === spatial.length && position.every((p, i) => Number.isInteger(p) && p >= 0 && p < spatial[i]);
  if (!inside) throw new RangeError(`${fn}: position ${fmtShape(position)} is not inside the ${fmtShape(spatial)} maps of ${where}`);
  return position.reduce((flat, p, i) => flat * spatial[i] + p, 0);
}
