/**
 * Where an imported model keeps its weights: under module paths made from the ONNX initializer
 * names, so `conv1.weight` becomes the parameter `weight` of a child module `conv1`, and
 * namedParameters() and stateDict() give back PyTorch's names.
 */
import { Module, type Parameter } from "../../../nn/index.js";
import type { Tensor } from "../../../tensor/index.js";

/** A node of the weights' tree: it holds weights and children, and computes nothing itself. */
export class OnnxWeights extends Module {
  forward(): Tensor {
    throw new Error("OnnxWeights only holds imported weights; run the OnnxModule that owns it");
  }
}

/** A segment usable as a property: not empty, and not a name the module already has (training, forward, …). */
function free(segment: string, taken: (name: string) => boolean): string {
  let name = segment || "_";
  while (taken(name)) name += "_";
  return name;
}

/**
 * Store t in root's tree under its dotted ONNX name, as a parameter or a buffer; returns the
 * state-dict name it got (the ONNX name unless a segment was empty or clashed with a property).
 */
export function placeWeight(root: Module, onnxName: string, t: Parameter | Tensor, kind: "parameter" | "buffer"): string {
  const segments = onnxName.split(".");
  const leaf = segments.pop()!;
  let module = root;
  const path: string[] = [];
  for (const segment of segments) {
    const existing = (module as unknown as Record<string, unknown>)[segment || "_"];
    const name = existing instanceof OnnxWeights ? segment || "_" : free(segment, (n) => n in module);
    if (!(existing instanceof OnnxWeights)) (module as unknown as Record<string, unknown>)[name] = new OnnxWeights();
    module = (module as unknown as Record<string, OnnxWeights>)[name];
    path.push(name);
  }
  const buffers = new Set(module.namedBuffers(false).map(([n]) => n));
  const name = free(leaf, (n) => n in module || buffers.has(n));
  if (kind === "buffer") module.registerBuffer(name, t);
  else (module as unknown as Record<string, unknown>)[name] = t;
  return [...path, name].join(".");
}
