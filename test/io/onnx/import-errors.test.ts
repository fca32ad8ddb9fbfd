/** What loadOnnx refuses, and how it says so; and Dropout's train/eval semantics, on graphs built here. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { io, tensor } from "../../../src/index.js";
import { OnnxGraph, type AttributeValue } from "../../../src/io/onnx/graph.js";
import { ModelProto } from "../../../src/io/onnx/onnx-schema.js";
import { importFixtures } from "./import-fixtures.js";

/** A model with one float input [batch, 4] named "input" and one output: what build makes of the graph and the input's name. */
function modelBytes(build: (g: OnnxGraph) => string, { opset = 13, initializers = [] as object[] } = {}): Uint8Array {
  const g = new OnnxGraph(["input", "output"]);
  g.alias(build(g), "output");
  const input = { name: "input", type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: "batch" }, { dimValue: 4 }] } } } };
  const graph = { name: "test", node: g.nodes, initializer: [...g.initializers, ...initializers], input: [input], output: [{ name: "output" }] };
  return ModelProto.encode(ModelProto.fromObject({ irVersion: 8, opsetImport: [{ domain: "", version: opset }], graph })).finish();
}

/** One node of opType on the input, with attributes (and extra input names). */
const single = (opType: string, attributes: Record<string, AttributeValue> = {}, extraInputs: string[] = []) =>
  modelBytes((g) => g.op(opType, ["input", ...extraInputs], "layer", attributes));

describe("ONNX import errors", () => {
  it("an op without an importer: names the op type and the node, and lists the ops there are", () => {
    assert.throws(() => io.decodeOnnx(single("Erf"), "erf.onnx"), (error: Error) => {
      assert.equal(error.name, "OnnxImportError");
      assert.match(error.message, /^erf\.onnx: node "layer\/Erf" \(Erf\): loadOnnx cannot import the op Erf; the ops it imports are: .*BatchNormalization, .*Conv, .*LSTM, .*Softmax/);
      return true;
    });
  });

  it("attribute values it cannot honour: Conv's auto_pad SAME_UPPER, a reverse LSTM, a GRU resetting before its hidden projection, non-constant Pad", () => {
    const weight = (g: OnnxGraph, dims: number[]) => g.weight("w", new Array(dims.reduce((n, d) => n * d, 1)).fill(0.1), dims);
    const conv = modelBytes((g) => g.op("Conv", ["input", weight(g, [2, 1, 3])], "conv", { auto_pad: "SAME_UPPER", kernel_shape: [3] }));
    assert.throws(() => io.decodeOnnx(conv), /node "conv\/Conv" \(Conv\): attribute auto_pad = "SAME_UPPER" is not supported: only NOTSET \(explicit pads\) and VALID are/);
    const lstm = modelBytes((g) => g.op("LSTM", ["input", weight(g, [1, 8, 4]), weight(g, [1, 8, 2])], "rnn", { hidden_size: 2, direction: "reverse" }));
    assert.throws(() => io.decodeOnnx(lstm), /node "rnn\/LSTM" \(LSTM\): attribute direction = "reverse" is not supported: forward and bidirectional LSTMs are imported/);
    const gru = modelBytes((g) => g.op("GRU", ["input", weight(g, [1, 6, 4]), weight(g, [1, 6, 2])], "rnn", { hidden_size: 2 }));
    assert.throws(() => io.decodeOnnx(gru), /node "rnn\/GRU" \(GRU\): attribute linear_before_reset = 0 is not supported/);
    assert.throws(() => io.decodeOnnx(single("Pad", { mode: "reflect", pads: [0, 1, 0, 1] })), /\(Pad\): attribute mode = "reflect" is not supported/);
  });

  it("an attribute its importer does not read (rather than computing something else)", () => {
    assert.throws(() => io.decodeOnnx(single("Relu", { alpha: { float: 2 } })), /node "layer\/Relu" \(Relu\): it has the attribute alpha, which loadOnnx does not import for Relu/);
  });

  it("an op from another domain, and a node reading a value nothing computes", () => {
    const bytes = single("Relu");
    const decoded = ModelProto.toObject(ModelProto.decode(bytes)) as { graph: { node: { domain?: string; input: string[] }[] } };
    decoded.graph.node[0].domain = "com.microsoft";
    assert.throws(() => io.decodeOnnx(ModelProto.encode(ModelProto.fromObject(decoded)).finish()), /its op is from the domain "com\.microsoft"/);
    assert.throws(() => io.decodeOnnx(single("Add", {}, ["bias"])), /node "layer\/Add" \(Add\): it reads "bias", which is neither a graph input, an initializer nor the output of an earlier node/);
  });

  it("weights in an external data file", () => {
    const external = { name: "w", dims: [4], dataType: 1, dataLocation: 1, externalData: [{ key: "location", value: "weights.bin" }, { key: "offset", value: "0" }] };
    const bytes = modelBytes((g) => g.op("Add", ["input", "w"], "add"), { initializers: [external] });
    assert.throws(() => io.decodeOnnx(bytes, "big.onnx"), /^OnnxImportError: big\.onnx: initializer "w" keeps its data outside the model, in weights\.bin \(ONNX external data\)/);
  });

  it("a file that is not ONNX, and one that is not there", async () => {
    const json = fileURLToPath(new URL("lenet5.json", importFixtures));
    await assert.rejects(io.loadOnnx(json), (error: Error) => error.name === "OnnxImportError" && error.message.startsWith(`loadOnnx: ${json} is not an ONNX model`));
    assert.throws(() => io.decodeOnnx(new Uint8Array([1, 2, 3, 4]), "four-bytes.onnx"), /^OnnxImportError: loadOnnx: four-bytes\.onnx is not an ONNX model/);
    await assert.rejects(io.loadOnnx("no/such/model.onnx"), /^OnnxImportError: loadOnnx: no\/such\/model\.onnx does not exist/);
  });

  it("inputs of the wrong count or kind", () => {
    const model = io.decodeOnnx(single("Relu"));
    assert.throws(() => model.run(), /the graph takes 1 input \(input\), got 0/);
    assert.deepEqual(model.inputs, [{ name: "input", integer: false, dims: ["batch", 4] }]);
  });
});

describe("ONNX import: train/eval semantics", () => {
  it("Dropout is the identity in eval mode and drops (scaling the kept by 1/(1 − ratio)) in training", () => {
    const model = io.decodeOnnx(modelBytes((g) => g.op("Dropout", ["input", g.weight("ratio", [0.5], [])], "drop"), { opset: 13 }));
    const x = tensor(Float32Array.from({ length: 400 }, (_, i) => 1 + (i % 7)), [100, 4]);
    assert.deepEqual(Array.from(model.eval().forward(x).values), Array.from(x.values));
    const dropped = model.train().forward(x).values;
    const zeros = dropped.filter((v) => v === 0).length;
    assert.ok(zeros > 120 && zeros < 280, `${zeros} of 400 dropped`);
    assert.ok(dropped.every((v, i) => v === 0 || Math.abs(v - 2 * x.values[i]) < 1e-6));
  });
});
