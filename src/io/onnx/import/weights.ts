/**
 * Where an imported model keeps its weights: under module paths made from the ONNX initializer
 * names, so `conv1.weight` becomes the parameter `weight` of a child module `conv1`, and
 * namedParameters() and stateDict() give back PyTorch's names.
 */
import { Module } from "../../../nn/index.js";
import type { Tensor } from "../../../tensor/index.js";

/** A node of the weights' tree: it holds weights and children, and computes nothing itself. */
export class OnnxWeights extends Module {
  forward(): Tensor {
    throw new Error("OnnxWeights only holds imported weights; run the OnnxModule that owns it");
  }
}

/** An own, enumerable property: how Module finds children and parameters. */
function define(owner: Module, name: string, value: Module | Tensor): void {
  Object.defineProperty(owner, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The weights' tree under root. A name segment becomes a property, so one that is empty or that
 * the module already has (`training`, `forward`, or a weight where a child is wanted) gets "_"
 * appended until it is free.
 */
export class WeightTree {
  readonly #children = new Map<Module, Map<string, OnnxWeights>>();

  constructor(readonly root: Module) {}

  /** Store t under its dotted ONNX name, as a parameter (a Parameter) or a buffer. */
  place(onnxName: string, t: Tensor, kind: "parameter" | "buffer"): void {
    const segments = onnxName.split(".");
    const leaf = segments.pop()!;
    const module = segments.reduce((parent, segment) => this.#child(parent, segment), this.root);
    const buffers = new Set(module.namedBuffers(false).map(([name]) => name));
    const name = free(leaf, (n) => n in module || buffers.has(n));
    if (kind === "buffer") module.registerBuffer(name, t);
    else define(module, name, t);
  }

  /** The child of parent for segment, made on first use. */
  #child(parent: Module, segment: string): OnnxWeights {
    const children = this.#children.get(parent) ?? new Map<string, OnnxWeights>();
    this.#children.set(parent, children);
    let child = children.get(segment);
    if (!child) {
      child = new OnnxWeights();
      define(parent, free(segment, (n) => n in parent), child);
      children.set(segment, child);
    }
    return child;
  }
}

function free(segment: string, taken: (name: string) => boolean): string {
  let name = segment || "_";
  while (taken(name)) name += "_";
  return name;
}
