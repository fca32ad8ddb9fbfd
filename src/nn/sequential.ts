/** Sequential: a chain of modules, each feeding the next. */
import type { Tensor } from "../tensor/index.js";
import { ReLU } from "./activations.js";
import { ConvNd } from "./conv.js";
import { Module } from "./module.js";

/**
 * Runs its modules in order. Children are named 0, 1, 2, … so parameters are `0.weight`, `2.bias`,
 * as in PyTorch. `add` appends (Torch7's Sequential:add) and returns this, so calls chain.
 */
export class Sequential extends Module implements Iterable<Module> {
  readonly #layers: Module[];

  constructor(...modules: Module[]) {
    super();
    this.#layers = [];
    modules.forEach((m) => this.add(m));
  }

  add(module: Module): this {
    if (!(module instanceof Module)) {
      throw new TypeError(`Sequential.add: expected a Module, got ${module === null ? "null" : typeof module}`);
    }
    this.#layers.push(module);
    return this;
  }

  /** The module at position i (negative counts from the end). */
  at(i: number): Module {
    const module = this.#layers.at(i);
    if (!module) throw new RangeError(`Sequential.at: index ${i} is out of range for ${this.#layers.length} modules`);
    return module;
  }

  get length(): number {
    return this.#layers.length;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.#layers[Symbol.iterator]();
  }

  override namedChildren(): [string, Module][] {
    return this.#layers.map((m, i) => [String(i), m]);
  }

  /**
   * Each module's forward in turn, except that a convolution followed by a plain ReLU runs as one
   * fused kernel (the same values and gradients, one pass over the feature map fewer).
   */
  forward(x: Tensor): Tensor {
    const layers = this.#layers;
    let out = x;
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i];
      if (layer instanceof ConvNd && layer.forward === ConvNd.prototype.forward && layers[i + 1]?.constructor === ReLU) {
        out = layer.forwardRelu(out);
        i++;
      } else {
        out = layer.forward(out);
      }
    }
    return out;
  }
}
