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

/** A value's declared type: float32 or int32 elements, dimension 0 the dynamic "batch", the rest fixed. */
function valueInfo(name: string, t: Tensor) {
  const elemType = t.dtype === "int32" ? DataType.INT32 : DataType.FLOAT;
  const dim = t.shape.map((n, i) => (i === 0 ? { dimParam: "batch" } : { dimValue: n }));
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
 * The ONNX model (opset 17) of model, in eval mode, as protobuf bytes. sampleInput ([batch, …],
 * float32, or int32 token ids for a language model) fixes every dimension but the batch, which
 * stays dynamic ("batch") in the input and the output, named `input` and `output`.
 */
export function encodeOnnx(model: Module, sampleInput: Tensor): Uint8Array {
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
      input: [valueInfo("input", sampleInput)],
      output: [valueInfo("output", output.value)],
    },
  });
  return ModelProto.encode(message).finish();
}

/** Write model's ONNX file to path (atomically); see encodeOnnx. */
export async function exportOnnx(model: Module, sampleInput: Tensor, path: string): Promise<void> {
  await writeFileAtomic(path, encodeOnnx(model, sampleInput));
}
