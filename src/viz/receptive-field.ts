/** The input window a layer's unit sees: composed from the geometry of the convolutions and poolings before it. */
import { ConvNd, Module, WindowPool } from "../nn/index.js";
import { zeros } from "../ops/index.js";
import { fmtShape } from "../tensor/index.js";
import { inference } from "./activations.js";

/** Per spatial axis: the unit at position i of the layer sees input rows start + i·jump … start + i·jump + size − 1. */
export interface ReceptiveField {
  size: number[];
  jump: number[];
  start: number[];
}

/** A layer's window along each axis: kernel extent (with dilation), stride, zeros before. */
function windowOf(layer: Module): { extent: number[]; stride: number[]; pad: number[] } | null {
  if (layer instanceof ConvNd) {
    return { extent: layer.kernelSize.map((k, a) => layer.dilation[a] * (k - 1) + 1), stride: [...layer.stride], pad: [...layer.paddingBefore] };
  }
  if (layer instanceof WindowPool) {
    const g = layer.geometry;
    return { extent: g.kernel.map((k, a) => g.dilation[a] * (k - 1) + 1), stride: [...g.stride], pad: [...g.padding] };
  }
  return null;
}

/**
 * The receptive field of the units of the layer at path for inputs of inputShape (batch first, e.g.
 * [1, 1, 28, 28]), from the convolutions and poolings run before it in one forward pass. It assumes
 * those layers form a chain (LeNet, AlexNet, VGG); in a network with parallel branches it follows
 * the order the branches ran, which overstates the field. Layers with no spatial window
 * (activations, normalisation) leave it as it is; after a Flatten or Linear every unit sees the
 * whole input.
 */
export function receptiveField(model: Module, path: string, inputShape: readonly number[]): ReceptiveField {
  const target = model.getSubmodule(path);
  const axes = inputShape.length - 2;
  if (axes < 1) throw new TypeError(`receptiveField: expected an input shape [batch, channels, ...spatial], got ${fmtShape(inputShape)}`);
  const before: Module[] = [];
  let reached = false;
  const leaves = model.modules().filter((m) => m.children().length === 0 || m === target);
  const handles = leaves.map((m) => m.registerForwardPreHook((layer) => {
    if (!reached) before.push(layer);
  }));
  let outputRank = 0;
  handles.push(target.registerForwardHook((_, __, output) => {
    reached = true;
    outputRank = output.shape.length;
  }));
  try {
    inference(model, () => model.forward(zeros(inputShape)));
  } finally {
    for (const h of handles) h.remove();
  }
  if (!reached) throw new Error(`receptiveField: layer "${path}" was not run by a forward pass of ${model.constructor.name}`);
  // A unit without spatial position (after Flatten or Linear) sees the whole input.
  if (outputRank !== inputShape.length) return { size: inputShape.slice(2), jump: Array(axes).fill(0), start: Array(axes).fill(0) };
  const field: ReceptiveField = { size: Array(axes).fill(1), jump: Array(axes).fill(1), start: Array(axes).fill(0) };
  // The target's own window counts too: it is a unit of its output that we ask about.
  const chain = before.includes(target) ? before : [...before, target];
  for (const layer of chain.filter((m) => m.children().length === 0 || m === target)) {
    const w = windowOf(layer);
    if (!w) continue;
    for (let a = 0; a < axes; a++) {
      field.start[a] -= w.pad[a] * field.jump[a];
      field.size[a] += (w.extent[a] - 1) * field.jump[a];
      field.jump[a] *= w.stride[a];
    }
  }
  return field;
}
