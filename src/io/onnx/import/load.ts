/** loadOnnx: an ONNX file (a path, a URL or its bytes) as an OnnxModule that runs and fine-tunes in Strata. */
import { Parameter } from "../../../nn/index.js";
import { assertLittleEndianHost } from "../../safetensors-format.js";
import { readBytes, type FileLocation } from "../../read-bytes.js";
import { compileGraph } from "./compile.js";
import { decodeModel, type GraphJson, type ModelJson } from "./decode.js";
import { OnnxImportError } from "./errors.js";
import { OnnxModule, type OnnxInput } from "./onnx-module.js";
import { readTensor } from "./tensor-data.js";
import { IntValue, type OnnxValue } from "./values.js";
import { WeightTree } from "./weights.js";

/** TensorProto data types of integers: uint8, int8, uint16, int16, int32, int64, bool, uint32, uint64. */
const INTEGER_TYPES = [2, 3, 4, 5, 6, 7, 9, 12, 13];

/** The default-domain opset (1 if the model names none, as ONNX says). */
function opsetOf(model: ModelJson): number {
  return model.opsetImport.find((o) => !o.domain || o.domain === "ai.onnx")?.version ?? 1;
}

/** Initializers read as inputs 3 and 4 of a BatchNormalization: running statistics, kept as buffers rather than trained. */
function runningStatistics(graph: GraphJson): Set<string> {
  return new Set(graph.node.filter((n) => n.opType === "BatchNormalization").flatMap((n) => n.input.slice(3, 5)));
}

/** Inputs that are settings rather than weights (a ratio, bounds, scales, a fill value): float initializers there stay constants. */
const SETTINGS: Record<string, readonly number[]> = { Dropout: [1], Clip: [1, 2], Resize: [1, 2], Pad: [2], Pow: [1] };

/** Float initializers only ever read as settings. */
function settingsOnly(graph: GraphJson): Set<string> {
  const asSetting = new Set<string>();
  const asData = new Set<string>();
  for (const node of graph.node) {
    node.input.forEach((name, i) => ((SETTINGS[node.opType ?? ""] ?? []).includes(i) ? asSetting : asData).add(name));
  }
  return new Set([...asSetting].filter((name) => !asData.has(name)));
}

/**
 * The module for an ONNX model's bytes; `file` names it in errors. Float initializers become the
 * module's Parameters (BatchNormalization's running statistics its buffers), integer ones and
 * float settings (Dropout's ratio, Resize's scales…) constants.
 */
export function decodeOnnx(bytes: Uint8Array, file = "the ONNX bytes"): OnnxModule {
  assertLittleEndianHost("loadOnnx");
  const model = decodeModel(bytes, file);
  const graph = model.graph!;
  const buffers = runningStatistics(graph);
  const settings = settingsOnly(graph);
  const initializers = new Map<string, OnnxValue>();
  const weights: [string, OnnxValue][] = graph.initializer.map((t) => [t.name ?? "", readTensor(t, `${file}: initializer "${t.name}"`)]);
  const inputs: OnnxInput[] = graph.input
    .filter((i) => !weights.some(([name]) => name === i.name))
    .map((i) => ({
      name: i.name ?? "",
      integer: INTEGER_TYPES.includes(i.type?.tensorType?.elemType ?? 1),
      dims: (i.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || (d.dimValue ?? "?")),
    }));
  const known = new Set([...weights.map(([name]) => name), ...inputs.map((i) => i.name)]);
  const opset = opsetOf(model);
  const nodes = compileGraph(graph, opset, file, known);
  const missing = graph.output.find((o) => !known.has(o.name ?? ""));
  if (missing) throw new OnnxImportError(`loadOnnx: ${file}: the graph output "${missing.name}" is computed by no node`);
  const module = new OnnxModule({ inputs, outputs: graph.output.map((o) => o.name ?? ""), nodes, initializers, opset });
  const tree = new WeightTree(module);
  for (const [name, value] of weights) {
    if (value instanceof IntValue || settings.has(name)) {
      initializers.set(name, value);
      continue;
    }
    const isBuffer = buffers.has(name);
    const tensor = isBuffer ? value : new Parameter(value);
    tree.place(name, tensor, isBuffer ? "buffer" : "parameter");
    initializers.set(name, tensor);
  }
  return module;
}

/**
 * Load an ONNX model from a path, a URL or its bytes as an OnnxModule (see decodeOnnx). A missing
 * file, bytes that are not ONNX, an op or attribute the import does not support, and weights kept
 * in an external data file are each an OnnxImportError naming the file (and the node).
 */
export async function loadOnnx(source: FileLocation | Uint8Array): Promise<OnnxModule> {
  if (source instanceof Uint8Array) return decodeOnnx(source);
  const bytes = await readBytes(source);
  if (bytes === null) throw new OnnxImportError(`loadOnnx: ${String(source)} does not exist`);
  return decodeOnnx(bytes, String(source));
}
