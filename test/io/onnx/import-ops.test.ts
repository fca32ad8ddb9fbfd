/** Ops and train/eval semantics of loadOnnx on graphs built here. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { io, tensor } from "../../../src/index.js";
import { assertClose } from "../../helpers.js";
import { modelBytes } from "./onnx-builder.js";

describe("ONNX import: train/eval semantics", () => {
  it("Dropout is the identity in eval mode and drops (scaling the kept by 1/(1 − ratio)) in training", () => {
    const model = io.decodeOnnx(modelBytes((g) => g.op("Dropout", ["input", g.weight("ratio", [0.5], [])], "drop"), { opset: 13 }));
    assert.deepEqual(model.parameters(), [], "the ratio is a setting, not a weight");
    const x = tensor(Float32Array.from({ length: 400 }, (_, i) => 1 + (i % 7)), [100, 4]);
    assert.deepEqual(Array.from(model.eval().forward(x).values), Array.from(x.values));
    const dropped = model.train().forward(x).values;
    const zeros = dropped.filter((v) => v === 0).length;
    assert.ok(zeros > 120 && zeros < 280, `${zeros} of 400 dropped`);
    assert.ok(dropped.every((v, i) => v === 0 || Math.abs(v - 2 * x.values[i]) < 1e-6));
  });
});

describe("ONNX import of single ops", () => {
  const x = tensor(Float32Array.from({ length: 12 }, (_, i) => Math.sin(i) * 2), [3, 4]);

  it("Sub, Mul, Div with broadcast weights, then Clip with bounds as inputs (opset 13) and as attributes (opset 6)", () => {
    const w = [0.5, -1, 2, 0.25];
    const arithmetic = (g: Parameters<Parameters<typeof modelBytes>[0]>[0]) => {
      const weight = g.weight("w", w, [4]);
      const two = g.weight("two", [2], []);
      return g.op("Div", [g.op("Mul", [g.op("Sub", ["input", weight], "sub"), weight], "mul"), two], "div");
    };
    const want = Array.from(x.values, (v, i) => Math.min(1.5, Math.max(0, ((v - w[i % 4]) * w[i % 4]) / 2)));
    const withInputs = io.decodeOnnx(modelBytes((g) => g.op("Clip", [arithmetic(g), g.weight("low", [0], []), g.weight("high", [1.5], [])], "clip")));
    assertClose(withInputs.forward(x), want);
    assert.deepEqual(withInputs.namedParameters().map(([key]) => key), ["w", "two"]);
    const withAttributes = io.decodeOnnx(modelBytes((g) => g.op("Clip", [arithmetic(g)], "clip", { min: { float: 0 }, max: { float: 1.5 } }), { opset: 6 }));
    assertClose(withAttributes.forward(x), want);
  });

  it("ReduceMean (axes attribute, keepdims 0), ReduceSum (axes input, opset 13), ReduceMax over everything, Pow", () => {
    const rows = [0, 1, 2].map((r) => Array.from(x.values.slice(4 * r, 4 * r + 4)));
    const squaredMeans = rows.map((row) => row.reduce((a, v) => a + v * v, 0) / 4);
    const meanOfSquares = io.decodeOnnx(modelBytes((g) => g.op("ReduceMean", [g.op("Pow", ["input", g.weight("two", [2], [])], "square")], "mean", { axes: [1], keepdims: 0 })));
    assertClose(meanOfSquares.forward(x), squaredMeans);
    assert.deepEqual(meanOfSquares.parameters(), [], "the exponent is a setting, not a weight");
    const columnSums = io.decodeOnnx(modelBytes((g) => g.op("ReduceSum", ["input", g.int64s("axes", [0])], "sum")));
    assert.deepEqual(columnSums.forward(x).shape, [1, 4]);
    assertClose(columnSums.forward(x), [0, 1, 2, 3].map((c) => rows.reduce((a, row) => a + row[c], 0)));
    const largest = io.decodeOnnx(modelBytes((g) => g.op("ReduceMax", ["input"], "max", { keepdims: 0 })));
    assertClose(largest.forward(x), Math.max(...x.values));
  });

  it("Softmax normalises along its axis from opset 13, and over every axis from it on before (so axis 0 of a matrix is the whole matrix)", () => {
    const byOpset = (opset: number) => io.decodeOnnx(modelBytes((g) => g.op("Softmax", ["input"], "softmax", { axis: 0 }), { opset })).forward(x);
    const columns = byOpset(13).values;
    for (let c = 0; c < 4; c++) assert.ok(Math.abs(columns[c] + columns[4 + c] + columns[8 + c] - 1) < 1e-6);
    assert.ok(Math.abs(Array.from(byOpset(11).values).reduce((a, b) => a + b, 0) - 1) < 1e-6);
  });
});

describe("ONNX import: where the weights go", () => {
  it("dotted initializer names become module paths; empty segments and names a module already has get a '_'", () => {
    const names = ["fc", "fc.weight", "fc.bias", "training", ".weight", "block.0.w"];
    const model = io.decodeOnnx(modelBytes((g) => names.reduce((h, name, i) => g.op("Add", [h, g.weight(name, [i, i, i, i], [4])], `add${i}`), "input")));
    assert.deepEqual(model.namedParameters().map(([key]) => key), ["fc", "training_", "fc_.weight", "fc_.bias", "_.weight", "block.0.w"]);
    assert.ok(model.training, "the module's own training flag is untouched");
    const sum = model.forward(tensor([[1, 2, 3, 4]])).values;
    assert.deepEqual(Array.from(sum), [16, 17, 18, 19]);
  });
});
