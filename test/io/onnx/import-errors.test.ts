/** What loadOnnx refuses, and how it says so, on graphs built here. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { io, tensor } from "../../../src/index.js";
import type { OnnxGraph } from "../../../src/io/onnx/graph.js";
import { ModelProto } from "../../../src/io/onnx/onnx-schema.js";
import { importFixtures, onnxPath } from "./import-fixtures.js";
import { modelBytes, single } from "./onnx-builder.js";

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

  it("inputs of the wrong count or kind, and a shape error at run time, naming the node it arose in", async () => {
    const model = io.decodeOnnx(single("Relu"));
    assert.throws(() => model.run(), /the graph takes 1 input \(input\), got 0/);
    assert.deepEqual(model.inputs, [{ name: "input", integer: false, dims: ["batch", 4] }]);
    assert.match(model.toString(), /^OnnxModule\(opset=13, nodes=2, inputs=\(input: \[batch, 4\]\), outputs=\(output\)\)$/);
    const lstm = await io.loadOnnx(onnxPath("char_lstm"));
    assert.throws(() => lstm.forward(tensor([[0.5, 1]])), /OnnxModule: input "input" holds integers \(token ids\); pass an int32 tensor, got float32/);
    const lenet = await io.loadOnnx(onnxPath("lenet5"));
    assert.throws(() => lenet.forward(tensor(new Float32Array(2 * 32 * 32), [2, 1, 32, 32])), /^Error: OnnxModule: .*lenet5\.onnx: node "\/7\/Gemm" \(Gemm\): matmul: inner dimensions differ/);
  });
});
