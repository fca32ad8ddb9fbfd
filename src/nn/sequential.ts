/** Sequential: a chain of modules, each feeding the next. */
import type { Tensor } from "../tensor/index.js";
import { ReLU } from "./activations.js";
import { ConvNd } from "./conv.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";

/** A layer whose forward nn.Sequential may run fused with the ReLU after it. */
type ReluFusable = ConvNd | Linear;

/** A ReLU whose forward is ReLU's own (not replaced, not wrapped by a hook). */
const isPlainRelu = (layer: Module | undefined): boolean =>
  layer instanceof ReLU && layer.constructor === ReLU && layer.forward === ReLU.prototype.forward;

/**
 * The layer, if it can take the ReLU after it into its own kernel: a Conv or Linear whose forward
 * is not overridden (nor wrapped by a hook, which must see the unfused output).
 */
function reluFusable(layer: Module): ReluFusable | null {
  if (layer instanceof ConvNd) return layer.forward === ConvNd.prototype.forward ? layer : null;
  if (layer instanceof Linear) return layer.forward === Linear.prototype.forward ? layer : null;
  return null;
}

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
   * Each module's forward in turn, except that a convolution or linear layer followed by a plain
   * ReLU runs as one fused kernel (the same values and gradients, one pass over the output fewer).
   */
  forward(x: Tensor): Tensor {
    const layers = this.#layers;
    let out = x;
    for (let i = 0; i < layers.length; i++) {
      const fusable = isPlainRelu(layers[i + 1]) ? reluFusable(layers[i]) : null;
      if (fusable) {
        out = fusable.forwardRelu(out);
        i++;
      } else {
        out = layers[i].forward(out);
      }
    }
    return out;
  }
}
