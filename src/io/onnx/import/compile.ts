/** An ONNX graph checked and turned into kernels in order, every node's op and attributes vetted at load time. */
import type { GraphJson, NodeJson } from "./decode.js";
import { OnnxImportError } from "./errors.js";
import { Attributes, type ImportNode, type Kernel } from "./importer.js";
import { importerOf, supportedOnnxOps } from "./registry.js";

export interface CompiledNode {
  where: string;
  inputs: readonly string[];
  outputs: readonly string[];
  kernel: Kernel;
}

const DEFAULT_DOMAINS = ["", "ai.onnx"];

function importNode(node: NodeJson, index: number, opset: number, file: string): ImportNode {
  const opType = node.opType ?? "";
  const where = `${file}: node "${node.name || `#${index}`}" (${opType})`;
  return {
    opType,
    opset,
    inputs: node.input,
    outputs: node.output,
    attributes: new Attributes(node.attribute, where),
    where,
    error: (message) => new OnnxImportError(`${where}: ${message}`),
  };
}

/**
 * The graph's nodes as kernels. known holds the names values exist for before any node runs (the
 * graph's inputs and initializers); a node reading a name no earlier node writes is an error, as
 * is an op without an importer (naming it and listing those there are) or an attribute it ignores.
 */
export function compileGraph(graph: GraphJson, opset: number, file: string, known: Set<string>): CompiledNode[] {
  return graph.node.map((raw, index) => {
    const node = importNode(raw, index, opset, file);
    if (!DEFAULT_DOMAINS.includes(raw.domain ?? "")) throw node.error(`its op is from the domain "${raw.domain}"; loadOnnx imports standard ONNX ops (the default domain) only`);
    const importer = importerOf(node.opType);
    if (!importer) throw node.error(`loadOnnx cannot import the op ${node.opType}; the ops it imports are: ${supportedOnnxOps.join(", ")}`);
    const missing = node.inputs.find((name) => name !== "" && !known.has(name));
    if (missing !== undefined) throw node.error(`it reads "${missing}", which is neither a graph input, an initializer nor the output of an earlier node`);
    const kernel = importer(node);
    const unread = node.attributes.unread();
    if (unread.length) throw node.error(`it has the attribute${unread.length > 1 ? "s" : ""} ${unread.join(", ")}, which loadOnnx does not import for ${node.opType}`);
    node.outputs.forEach((name) => name && known.add(name));
    return { where: node.where, inputs: node.inputs, outputs: node.outputs, kernel };
  });
}
