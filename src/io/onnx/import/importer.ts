/** The contract of an ONNX op's importer, the node it is handed, and the node's attributes. */
import type { AttributeJson } from "./decode.js";
import { OnnxImportError } from "./errors.js";
import { readTensor } from "./tensor-data.js";
import type { OnnxValue } from "./values.js";

/** What a running node knows besides its inputs: the module's mode (BatchNormalization, Dropout). */
export interface RunContext {
  training: boolean;
}

/** A node ready to run: its inputs (undefined where an optional one is left out) to its outputs. */
export type Kernel = (inputs: readonly (OnnxValue | undefined)[], run: RunContext) => OnnxValue[];

/** The node being imported. */
export interface ImportNode {
  opType: string;
  /** The default-domain opset the model imports (defaults differ between opsets, e.g. Softmax's axis). */
  opset: number;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Attributes;
  /** For errors: the file and the node, `lenet.onnx: node "/conv1/Conv" (Conv)`. */
  where: string;
  /** An error about this node. */
  error(message: string): OnnxImportError;
}

/**
 * Checks the node's attributes (refusing values it cannot honour, at load time) and returns its
 * kernel. Importers compose Strata ops, so gradients flow through the imported graph.
 */
export type Importer = (node: ImportNode) => Kernel;

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());

/**
 * A node's attributes by name. Every read marks the attribute understood; loadOnnx refuses a node
 * with an attribute its importer never read, rather than silently computing something else.
 */
export class Attributes {
  readonly #byName: Map<string, AttributeJson>;
  readonly #read = new Set<string>();

  constructor(
    list: readonly AttributeJson[],
    readonly where: string,
  ) {
    this.#byName = new Map(list.map((a) => [a.name, a]));
  }

  #get(name: string): AttributeJson | undefined {
    this.#read.add(name);
    return this.#byName.get(name);
  }

  has(name: string): boolean {
    return this.#get(name) !== undefined;
  }

  // A present attribute without its value field holds 0: writers that skip default values (proto3
  // style, as protobufjs) leave i = 0 and f = 0 out, and the fallback is for absent attributes only.
  int(name: string, fallback: number): number {
    const a = this.#get(name);
    return a ? (a.i ?? 0) : fallback;
  }

  float(name: string, fallback: number): number {
    const a = this.#get(name);
    return a ? (a.f ?? 0) : fallback;
  }

  ints(name: string, fallback: readonly number[] = []): readonly number[] {
    return this.#get(name)?.ints ?? fallback;
  }

  floats(name: string): readonly number[] {
    return this.#get(name)?.floats ?? [];
  }

  string(name: string, fallback: string): string {
    const a = this.#get(name);
    return a?.s ? text(a.s) : fallback;
  }

  strings(name: string): string[] {
    return (this.#get(name)?.strings ?? []).map(text);
  }

  /** A tensor-valued attribute (Constant's value), or undefined. */
  tensor(name: string): OnnxValue | undefined {
    const t = this.#get(name)?.t;
    return t && readTensor(t, `${this.where} attribute ${name}`);
  }

  /** An error for an attribute value the import cannot honour. */
  refuse(name: string, value: unknown, why: string): OnnxImportError {
    return new OnnxImportError(`${this.where}: attribute ${name} = ${JSON.stringify(value)} is not supported: ${why}`);
  }

  /** The attributes present that no read asked for. */
  unread(): string[] {
    return [...this.#byName.keys()].filter((name) => !this.#read.has(name));
  }
}
