/** OnnxGraph: the nodes, weights and names of an ONNX graph as export builds it. */
import type { Tensor } from "../../tensor/index.js";
import { DataType } from "./onnx-schema.js";

/** An attribute value: a number is an INT unless it is passed as { float }, a string a STRING. */
export type AttributeValue = number | { float: number } | string | readonly number[] | { floats: readonly number[] } | { strings: readonly string[] };

interface NodeJson {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  attribute: object[];
}

interface TensorJson {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

/** An AttributeProto; `type` is its AttributeType (1 FLOAT, 2 INT, 3 STRING, 6 FLOATS, 7 INTS, 8 STRINGS). */
function attribute(name: string, value: AttributeValue): object {
  if (typeof value === "number") return { name, type: 2, i: value };
  if (typeof value === "string") return { name, type: 3, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: 7, ints: value };
  if ("float" in value) return { name, type: 1, f: value.float };
  if ("strings" in value) return { name, type: 8, strings: value.strings.map((v) => new TextEncoder().encode(v)) };
  return { name, type: 6, floats: (value as { floats: readonly number[] }).floats };
}

/**
 * The bytes of typed-array values, as a view (no copy: a VGG holds half a gigabyte of weights, and
 * the graph is encoded before any of them can change). ONNX raw_data is little-endian; export
 * refuses big-endian hosts.
 */
function rawBytes(values: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export class OnnxGraph {
  readonly nodes: NodeJson[] = [];
  readonly initializers: TensorJson[] = [];
  readonly #used: Set<string>;

  /** reserved: names no node or weight may take (the graph's input and output). */
  constructor(reserved: readonly string[]) {
    this.#used = new Set(reserved);
  }

  /** A name not yet in the graph, from a readable stem (a module path and what the value is). */
  fresh(stem: string): string {
    let name = stem;
    for (let i = 1; this.#used.has(name); i++) name = `${stem}_${i}`;
    this.#used.add(name);
    return name;
  }

  /** Add a node with `outputs` outputs named from label (made unique); returns their names. */
  node(opType: string, inputs: readonly string[], label: string, attributes: Record<string, AttributeValue> = {}, outputs = 1): string[] {
    const names = Array.from({ length: outputs }, (_, i) => this.fresh(outputs === 1 ? label : `${label}_${i}`));
    this.nodes.push({
      input: [...inputs],
      output: names,
      name: this.fresh(`${label}/${opType}`),
      opType,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return names;
  }

  /** One node with one output. */
  op(opType: string, inputs: readonly string[], label: string, attributes: Record<string, AttributeValue> = {}): string {
    return this.node(opType, inputs, label, attributes)[0];
  }

  /** An Identity node giving value `from` the reserved name `name`, e.g. the graph's output. */
  alias(from: string, name: string): void {
    this.nodes.push({ input: [from], output: [name], name: this.fresh(`${name}/Identity`), opType: "Identity", attribute: [] });
  }

  /** A float32 weight under `name` (made unique), e.g. a layer's state-dict key. */
  weight(name: string, values: ArrayLike<number>, dims: readonly number[]): string {
    return this.#initializer(name, DataType.FLOAT, rawBytes(values instanceof Float32Array ? values : Float32Array.from(values)), dims);
  }

  /** A float32 weight holding a Strata tensor's values. */
  tensor(name: string, t: Tensor): string {
    return this.weight(name, t.values, t.shape);
  }

  /** An int64 constant, such as a Reshape's target shape. */
  int64s(name: string, values: readonly number[]): string {
    return this.#initializer(name, DataType.INT64, rawBytes(BigInt64Array.from(values, BigInt)), [values.length]);
  }

  #initializer(stem: string, dataType: number, rawData: Uint8Array, dims: readonly number[]): string {
    const name = this.fresh(stem);
    this.initializers.push({ name, dims: [...dims], dataType, rawData });
    return name;
  }
}
