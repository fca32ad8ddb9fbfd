/** Each layer family's ONNX export in onnxruntime-web against Strata's forward, and the errors for what cannot be exported. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { io, models, nn, tensor } from "../../../src/index.js";
import { fillDeterministic, fixtureImage } from "../../models/fixture.js";
import { assertExportMatches } from "./run-onnx.js";

describe("ONNX export of layers", () => {
  it("every activation, softmax and log-softmax", async () => {
    const net = new nn.Sequential(
      new nn.Linear(6, 8), new nn.LeakyReLU(0.1), new nn.ELU(0.7), new nn.PReLU(), new nn.Softplus(2), new nn.Softshrink(0.2),
      new nn.Tanh(), new nn.Abs(), new nn.Sigmoid(), new nn.Softplus(), new nn.Softmax(1), new nn.LogSoftmax(-1),
    );
    await assertExportMatches(net, fixtureImage([3, 6]));
  });

  it("Softsign, SELU, SiLU, Hardtanh and ReLU6 (Clip), Hardshrink (Shrink with bias 0), Tanhshrink, LogSigmoid", async () => {
    const net = new nn.Sequential(
      new nn.Linear(6, 8), new nn.Softsign(), new nn.Linear(8, 8), new nn.SELU(), new nn.SiLU(), new nn.Hardtanh(-0.3, 0.4),
      new nn.Linear(8, 8), new nn.Hardshrink(0.2), new nn.Linear(8, 8), new nn.ReLU6(), new nn.Tanhshrink(), new nn.Linear(8, 8), new nn.LogSigmoid(),
    );
    await assertExportMatches(net, fixtureImage([3, 6]));
  });

  it("attributes whose value is zero (Softmax over axis 0, a leaky ReLU of slope 0): protobufjs writes the attribute without its 0, which readers take as 0", async () => {
    await assertExportMatches(new nn.Sequential(new nn.Linear(6, 4), new nn.LeakyReLU(0), new nn.Softmax(0)), fixtureImage([3, 6]));
  });

  it("strided, dilated, grouped and (unevenly padded) same-size convolutions, transposed convolutions, per-channel PReLU, LRN, pools, adaptive pools", async () => {
    const net = new nn.Sequential(
      new nn.Conv2d(3, 8, 3, { stride: 2, padding: 1 }), new nn.PReLU(8), new nn.LocalResponseNorm(3, { alpha: 0.01, beta: 0.6, k: 1.5 }),
      new nn.Conv2d(8, 8, 4, { padding: "same", groups: 4 }), new nn.Conv2d(8, 8, 3, { padding: 2, dilation: 2 }), new nn.BatchNorm2d(8, { affine: false }),
      new nn.ConvTranspose2d(8, 6, 3, { stride: 2, padding: 1, outputPadding: 1 }), new nn.ReLU(),
      new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }), new nn.MaxPool2d(2, { ceilMode: true }),
      new nn.AdaptiveMaxPool2d([2, 1]), new nn.Dropout(0.5), new nn.Flatten(), new nn.Linear(12, 4, { bias: false }),
    );
    fillDeterministic(net);
    await assertExportMatches(net, fixtureImage([2, 3, 22, 22]));
  });

  it("a two-layer bidirectional, time-major LSTM (batch on axis 1, so the export's batch axis is the sequence's)", async () => {
    const lstm = new nn.LSTM(5, 6, { numLayers: 2, bidirectional: true });
    const x = fixtureImage([4, 2, 5]);
    await assertExportMatches(lstm, x);
  });

  it("names the module class and path it has no export for", () => {
    const net = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.Sequential(new nn.ReLU(), new nn.MaxUnpool2d(2)));
    assert.throws(() => io.encodeOnnx(net, fixtureImage([1, 1, 8, 8])), /^Error: exportOnnx: no ONNX export for MaxUnpool2d at 1\.1;/);
  });

  it("refuses a subclass whose forward is its own rather than exporting its parent's", () => {
    class Doubled extends nn.Linear {
      override forward(x: Parameters<nn.Linear["forward"]>[0]) {
        return super.forward(x).mul(2);
      }
    }
    assert.throws(() => io.encodeOnnx(new Doubled(3, 2), fixtureImage([1, 3])), /no ONNX export for Doubled at the top level: it overrides the forward of Linear/);
  });

  it("says which adaptive pool sizes cannot be exported, and that batch norm without running statistics cannot", () => {
    assert.throws(() => io.encodeOnnx(new nn.AdaptiveAvgPool2d(3), fixtureImage([1, 2, 5, 5])), /AdaptiveAvgPool2d at model pools 5×5 to 3×3/);
    assert.throws(() => io.encodeOnnx(new nn.BatchNorm1d(3, { trackRunningStats: false }), fixtureImage([2, 3])), /keeps no running statistics/);
  });

  it("leaves the model's training modes as they were", () => {
    const net = models.lenet5();
    net.at(0).eval();
    io.encodeOnnx(net, tensor(new Float32Array(784), [1, 1, 28, 28]));
    assert.deepEqual(net.modules().map((m) => m.training), net.modules().map((m) => m !== net.at(0)));
  });
});
