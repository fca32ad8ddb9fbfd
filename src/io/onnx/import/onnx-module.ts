/** OnnxModule: an imported ONNX graph as an nn.Module whose forward runs the graph with Strata's ops. */
import { Module } from "../../../nn/index.js";
import { cast } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { CompiledNode } from "./compile.js";
import { OnnxImportError } from "./errors.js";
import { asIntTensor, IntValue, type OnnxValue } from "./values.js";

/** A graph input: its name, whether it holds integers (token ids, fed as int32), and its dims (a string names a free one). */
export interface OnnxInput {
  name: string;
  integer: boolean;
  dims: (number | string)[];
}

export interface OnnxGraphParts {
  inputs: OnnxInput[];
  outputs: string[];
  nodes: CompiledNode[];
  /** The initializers by ONNX name: the module's own parameters and buffers (the same tensors), and integer constants. */
  initializers: Map<string, OnnxValue>;
  opset: number;
}

/**
 * An ONNX model as a module. Its float weights are Parameters (and BatchNormalization's running
 * statistics buffers) under their ONNX names, so an optimiser fine-tunes them and stateDict() has
 * PyTorch's keys; forward records every op for autograd. train()/eval() switch BatchNormalization
 * between batch and running statistics (updating the running ones in training) and Dropout on and off.
 */
export class OnnxModule extends Module {
  readonly #graph: OnnxGraphParts;

  constructor(graph: OnnxGraphParts) {
    super();
    this.#graph = graph;
  }

  /** The graph's inputs, in the order forward takes them. */
  get inputs(): readonly OnnxInput[] {
    return this.#graph.inputs;
  }

  /** The graph's output names; forward returns the first, run all of them. */
  get outputNames(): readonly string[] {
    return this.#graph.outputs;
  }

  /** The default-domain opset the model was written for. */
  get opset(): number {
    return this.#graph.opset;
  }

  override extraRepr(): string {
    const inputs = this.#graph.inputs.map((i) => `${i.name}: [${i.dims.join(", ")}]${i.integer ? " ids" : ""}`);
    return `opset=${this.opset}, nodes=${this.#graph.nodes.length}, inputs=(${inputs.join(", ")}), outputs=(${this.outputNames.join(", ")})`;
  }

  /** The first output of the graph on these inputs (one tensor per graph input, in order). */
  forward(...inputs: Tensor[]): Tensor {
    return this.run(...inputs).get(this.#graph.outputs[0])!;
  }

  /** Every output of the graph by name. */
  run(...inputs: Tensor[]): Map<string, Tensor> {
    const { inputs: declared, outputs, nodes, initializers } = this.#graph;
    if (inputs.length !== declared.length) {
      throw new OnnxImportError(`OnnxModule: the graph takes ${declared.length} input${declared.length === 1 ? "" : "s"} (${declared.map((i) => i.name).join(", ")}), got ${inputs.length}`);
    }
    const values = new Map<string, OnnxValue>(initializers);
    declared.forEach((input, i) => values.set(input.name, fed(input, inputs[i])));
    const run = { training: this.training };
    for (const node of nodes) {
      let results: OnnxValue[];
      try {
        results = node.kernel(node.inputs.map((name) => (name === "" ? undefined : values.get(name))), run);
      } catch (error) {
        if (error instanceof OnnxImportError) throw error;
        throw new Error(`OnnxModule: ${node.where}: ${(error as Error).message}`, { cause: error });
      }
      node.outputs.forEach((name, k) => name && results[k] !== undefined && values.set(name, results[k]));
    }
    return new Map(outputs.map((name) => [name, asTensor(values.get(name)!)]));
  }
}

const asTensor = (v: OnnxValue): Tensor => (v instanceof IntValue ? asIntTensor(v, "output") : v);

/** An input as the graph expects it: ids must be integers; floats are float32. */
function fed(input: OnnxInput, x: Tensor): Tensor {
  if (input.integer && x.dtype !== "int32") throw new OnnxImportError(`OnnxModule: input "${input.name}" holds integers (token ids); pass an int32 tensor, got ${x.dtype}`);
  return input.integer ? x : cast(x, "float32");
}
