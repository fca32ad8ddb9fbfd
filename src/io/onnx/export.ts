/** exportOnnx: a model and a sample input to an ONNX file (or its bytes) that onnxruntime and Triton serve. */
import { noGrad } from "../../autograd/index.js";
import { withEvalMode, type Module } from "../../nn/index.js";
import type { Tensor } from "../../tensor/index.js";
import { writeFileAtomic } from "../atomic.js";
import { assertLittleEndianHost } from "../safetensors-format.js";
import type { Value } from "./exporter.js";
import { OnnxGraph } from "./graph.js";
import { DataType, IR_VERSION, ModelProto, OPSET } from "./onnx-schema.js";
import { exporterOf } from "./registry.js";

export interface OnnxExportOptions {
  /**
   * The axes of the input, and the output's axes of the same index, whose size is left free, by
   * name. Default { 0: "batch" }; a language model's ids [batch, time] can add { 1: "time" }.
   */
  dynamicAxes?: Readonly<Record<number, string>>;
}

/** A value's declared type: float32 or int32 elements, the dynamic axes named, the rest fixed. */
function valueInfo(name: string, t: Tensor, dynamicAxes: Readonly<Record<number, string>>) {
  const elemType = t.dtype === "int32" ? DataType.INT32 : DataType.FLOAT;
  const dim = t.shape.map((n, i) => (dynamicAxes[i] === undefined ? { dimValue: n } : { dimParam: dynamicAxes[i] }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** The module's nodes for input x, its children's exported depth first, each under its dotted path. */
function visit(graph: OnnxGraph, module: Module, path: string, x: Value): Value {
  const label = path || "model";
  const child = (c: Module, input: Value): Value => {
    const name = module.namedChildren().find(([, m]) => m === c)?.[0];
    if (name === undefined) throw new Error(`exportOnnx: the export of ${module.constructor.name} at ${label} asked for a ${c.constructor.name} that is not one of its children`);
    return visit(graph, c, path ? `${path}.${name}` : name, input);
  };
  const out = exporterOf(module, path)(module, x, { graph, path, label, child });
  return typeof out === "string" ? { name: out, value: module.forward(x.value) } : out;
}

/**
 * The ONNX model (opset 17) of model, in eval mode, as protobuf bytes, with one input named `input`
 * and one output named `output`. sampleInput ([batch, …] float32, or int32 token ids for a
 * language model) fixes every size but those of the dynamic axes (by default the batch, axis 0).
 * The graph is built module by module (see registry.ts); a module without an export is an error
 * naming its class and path.
 */
export function encodeOnnx(model: Module, sampleInput: Tensor, { dynamicAxes = { 0: "batch" } }: OnnxExportOptions = {}): Uint8Array {
  assertLittleEndianHost("exportOnnx");
  if (sampleInput.ndim < 1) throw new Error(`exportOnnx: the sample input must have a batch dimension, got a scalar`);
  const graph = new OnnxGraph(["input", "output"]);
  const output = withEvalMode(model, () => noGrad(() => visit(graph, model, "", { name: "input", value: sampleInput })));
  graph.alias(output.name, "output");
  const message = ModelProto.fromObject({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET }],
    producerName: "strata",
    graph: {
      name: model.constructor.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo("input", sampleInput, dynamicAxes)],
      output: [valueInfo("output", output.value, dynamicAxes)],
    },
  });
  return ModelProto.encode(message).finish();
}

/** Write model's ONNX file to path (atomically); see encodeOnnx. */
export async function exportOnnx(model: Module, sampleInput: Tensor, path: string, options: OnnxExportOptions = {}): Promise<void> {
  await writeFileAtomic(path, encodeOnnx(model, sampleInput, options));
}
