/** Small ONNX models built in the tests, with export's OnnxGraph and the shared protobuf schema. */
import { OnnxGraph, type AttributeValue } from "../../../src/io/onnx/graph.js";
import { ModelProto } from "../../../src/io/onnx/onnx-schema.js";

/** A model with one float input [batch, 4] named "input" and one output: what build makes of the graph and the input's name. */
export function modelBytes(build: (g: OnnxGraph) => string, { opset = 13, initializers = [] as object[] } = {}): Uint8Array {
  const g = new OnnxGraph(["input", "output"]);
  g.alias(build(g), "output");
  const input = { name: "input", type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: "batch" }, { dimValue: 4 }] } } } };
  const graph = { name: "test", node: g.nodes, initializer: [...g.initializers, ...initializers], input: [input], output: [{ name: "output" }] };
  return ModelProto.encode(ModelProto.fromObject({ irVersion: 8, opsetImport: [{ domain: "", version: opset }], graph })).finish();
}

/** One node of opType on the input, with attributes (and extra input names). */
export const single = (opType: string, attributes: Record<string, AttributeValue> = {}, extraInputs: string[] = []) =>
  modelBytes((g) => g.op(opType, ["input", ...extraInputs], "layer", attributes));
