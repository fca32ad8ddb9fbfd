/** Strata's own ONNX exports loaded back with loadOnnx: the same outputs as the model, at other batch sizes and lengths. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { io, models, nn, tensor, type Tensor } from "../../../src/index.js";
import { assertClose } from "../../helpers.js";
import { fillDeterministic, fixtureImage } from "../../models/fixture.js";

/** Export model on inputs[0], import it, and assert the imported eval-mode outputs equal the model's on every input. */
function assertRoundTrip(model: nn.Module, inputs: readonly Tensor[], options?: io.OnnxExportOptions): io.OnnxModule {
  const imported = io.decodeOnnx(io.encodeOnnx(model, inputs[0], options)).eval();
  for (const x of inputs) {
    const want = nn.withEvalMode(model, () => model.forward(x));
    assertClose(imported.forward(x), want, { rtol: 1e-4, atol: 1e-5, message: `${model.constructor.name} on ${x.shape.join("×")}` });
  }
  return imported;
}

const ids = (batch: number, time = 7) => tensor(Int32Array.from({ length: batch * time }, (_, i) => (i * 5 + 3) % 30), [batch, time]);

describe("ONNX import of Strata's exports", () => {
  it("LeNet-5 (and the classic tanh / average-pool one) at batch 2, 1 and 3, with the model's own state-dict keys", () => {
    for (const net of [models.lenet5(), models.lenet5({ classic: true })]) {
      const imported = assertRoundTrip(net, [fixtureImage([2, 1, 28, 28]), fixtureImage([1, 1, 28, 28]), fixtureImage([3, 1, 28, 28])]);
      assert.deepEqual([...imported.stateDict().keys()], [...net.stateDict().keys()]);
    }
  });

  it("whose state dict loads into a fresh Strata model, which then computes the same", () => {
    const net = models.lenet5();
    const imported = io.decodeOnnx(io.encodeOnnx(net, fixtureImage([1, 1, 28, 28])));
    const fresh = models.lenet5().eval();
    fresh.loadStateDict(imported.stateDict());
    assertClose(fresh.forward(fixtureImage([2, 1, 28, 28])), nn.withEvalMode(net, () => net.forward(fixtureImage([2, 1, 28, 28]))));
  });

  it("ResNet-18 (batch norm, the shortcut's Add, global average pool) at 32×32", () => {
    const net = models.resnet18({ numClasses: 10 });
    fillDeterministic(net);
    const imported = assertRoundTrip(net, [fixtureImage([2, 3, 32, 32]), fixtureImage([1, 3, 32, 32])]);
    assert.equal(imported.namedBuffers().length, net.namedBuffers().filter(([key]) => !key.endsWith("num_batches_tracked")).length);
  });

  it("activations, softmax, log-softmax and dropout after a linear layer", () => {
    const net = new nn.Sequential(
      new nn.Linear(6, 8), new nn.LeakyReLU(0.1), new nn.ELU(0.7), new nn.Dropout(0.5), new nn.Tanh(), new nn.Abs(),
      new nn.Sigmoid(), new nn.Softmax(1), new nn.Linear(8, 5), new nn.LogSoftmax(-1),
    );
    assertRoundTrip(net, [fixtureImage([3, 6]), fixtureImage([1, 6])]);
  });

  it("strided, grouped, dilated and unevenly padded (same-size, even kernel) convolutions; padded, ceil-mode and count-excluding pools", () => {
    const net = new nn.Sequential(
      new nn.Conv2d(3, 8, 3, { stride: 2, padding: 1 }), new nn.Conv2d(8, 8, 4, { padding: "same", groups: 4 }), new nn.ReLU(),
      new nn.Conv2d(8, 8, 3, { padding: 2, dilation: 2 }), new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }),
      new nn.MaxPool2d(2, { ceilMode: true }), new nn.Flatten(), new nn.Linear(72, 4),
    );
    fillDeterministic(net);
    assertRoundTrip(net, [fixtureImage([2, 3, 22, 22]), fixtureImage([1, 3, 22, 22])]);
  });

  it("PReLU per channel, LRN, an upsampling adaptive pool (Resize), Softplus with beta 2 (Mul, Softplus, Div)", () => {
    const net = new nn.Sequential(
      new nn.Conv2d(3, 4, 3, { stride: 2 }), new nn.PReLU(4), new nn.LocalResponseNorm(3, { alpha: 0.01, beta: 0.6, k: 1.5 }),
      new nn.MaxPool2d(2), new nn.AdaptiveAvgPool2d(3), new nn.Softplus(2), new nn.Flatten(), new nn.Linear(36, 5),
    );
    fillDeterministic(net);
    assertRoundTrip(net, [fixtureImage([2, 3, 6, 6]), fixtureImage([1, 3, 6, 6])]);
  });

  it("a two-layer bidirectional time-major LSTM", () => {
    assertRoundTrip(new nn.LSTM(5, 6, { numLayers: 2, bidirectional: true }), [fixtureImage([4, 2, 5]), fixtureImage([4, 3, 5])]);
  });

  it("the char-rnn RecurrentLM with an LSTM, a two-layer GRU and a two-layer RNN, on ids of any batch size and length", () => {
    const dynamicAxes = { dynamicAxes: { 0: "batch", 1: "time" } };
    assertRoundTrip(new models.RecurrentLM(30, { hiddenSize: 32, embeddingDim: 16 }), [ids(2), ids(3), ids(1, 12)], dynamicAxes);
    for (const cell of ["gru", "rnn"] as const) {
      assertRoundTrip(new models.RecurrentLM(30, { cell, hiddenSize: 24, embeddingDim: 8, numLayers: 2 }), [ids(2), ids(1, 4)], dynamicAxes);
    }
  });
});
