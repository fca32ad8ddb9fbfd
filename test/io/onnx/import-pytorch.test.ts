/**
 * loadOnnx on the files PyTorch exports (LeNet-5 twice, a ResNet with batch norm, an embedding + LSTM
 * char model): the same outputs at batch 1 and 3, the same gradients, and the same SGD step.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { io, optim, type Tensor } from "../../../src/index.js";
import { assertClose } from "../../helpers.js";
import { asTensor, fixtureLoss, importFacts, onnxPath } from "./import-fixtures.js";

const TOLERANCE = { rtol: 1e-4, atol: 1e-5 };

const nets = [
  { name: "lenet5", ids: false, what: "Conv, Relu, MaxPool, Flatten, Gemm (opset 13)" },
  { name: "lenet_classic", ids: false, what: "Tanh, Pad + AveragePool, view's Shape/Gather/Unsqueeze/Concat/Reshape chain (opset 11)" },
  { name: "resnet", ids: false, what: "BatchNormalization, Add, GlobalAveragePool (opset 17)" },
  { name: "char_lstm", ids: true, what: "Gather of embeddings, two LSTM nodes with weights re-stacked in the graph, MatMul (opset 13)" },
];

describe("ONNX import of PyTorch's exports", () => {
  for (const { name, ids, what } of nets) {
    const facts = importFacts(name);
    const inputs = facts.inputs.map((c) => ({ x: asTensor(c.input, ids), want: asTensor(c.output) }));
    const batch = inputs[1].x;
    const targets = asTensor(facts.targets, true);

    it(`${name} (${what}): PyTorch's outputs at batch 1 and 3`, async () => {
      const model = (await io.loadOnnx(onnxPath(name))).eval();
      for (const { x, want } of inputs) {
        const got = model.forward(x);
        assert.deepEqual(got.shape, want.shape);
        assertClose(got, want, { ...TOLERANCE, message: `${name} at batch ${x.shape[0]}` });
      }
    });

    it(`${name}: in training mode, PyTorch's loss and gradients w.r.t. the parameters by their state-dict names`, async () => {
      const model = await io.loadOnnx(onnxPath(name));
      const loss = fixtureLoss(model.forward(batch), targets);
      assertClose(loss, facts.loss, TOLERANCE);
      loss.backward();
      const params = new Map(model.namedParameters());
      for (const [param, grad] of Object.entries(facts.grads)) {
        assert.ok(params.has(param), `${name} has a parameter ${param} (it has ${[...params.keys()].join(", ")})`);
        assertClose(params.get(param)!.grad!, grad.values, { ...TOLERANCE, message: `d loss / d ${param}` });
      }
    });

    it(`${name}: one SGD step in training mode gives PyTorch's eval output and running statistics`, async () => {
      const model = await io.loadOnnx(onnxPath(name));
      const sgd = new optim.SGD(model.parameters(), { lr: facts.lr });
      fixtureLoss(model.forward(batch), targets).backward();
      sgd.step();
      model.eval();
      assertClose(model.forward(batch), facts.afterStep.output.values, { ...TOLERANCE, message: `${name} after a step` });
      const state = model.stateDict();
      for (const [key, want] of Object.entries(facts.afterStep.runningStats)) {
        assertClose(state.get(key)!, want.values, { ...TOLERANCE, message: key });
      }
    });
  }

  it("keeps BatchNormalization's running statistics as buffers, not parameters, under PyTorch's state-dict keys", async () => {
    const model = await io.loadOnnx(onnxPath("resnet"));
    const facts = importFacts("resnet");
    assert.deepEqual(model.namedBuffers().map(([key]) => key).sort(), Object.keys(facts.afterStep.runningStats).sort());
    assert.ok(model.namedParameters().every(([key]) => !key.includes("running_")));
    assert.equal(model.namedParameters().length, 20);
  });

  it("the constant-folded LSTM export (W, R, B as onnx::LSTM_<n> initializers, the decoder weight transposed) gives the same outputs, and its W learns", async () => {
    const facts = importFacts("char_lstm");
    const model = (await io.loadOnnx(onnxPath("char_lstm_folded"))).eval();
    for (const c of facts.inputs) assertClose(model.forward(asTensor(c.input, true)), c.output.values, TOLERANCE);
    const lstmWeights = model.namedParameters().filter(([key]) => key.startsWith("onnx::LSTM_"));
    assert.equal(lstmWeights.length, 6);
    model.train();
    fixtureLoss(model.forward(asTensor(facts.inputs[1].input, true)), asTensor(facts.targets, true)).backward();
    assert.ok(lstmWeights.every(([, w]) => w.grad !== null && (w.grad as Tensor).values.some((g) => g !== 0)));
  });

  it("fine-tuning LeNet-5 for a few SGD steps lowers the loss", async () => {
    const facts = importFacts("lenet5");
    const model = await io.loadOnnx(onnxPath("lenet5"));
    const x = asTensor(facts.inputs[1].input);
    const targets = asTensor(facts.targets, true);
    const sgd = new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    const losses: number[] = [];
    for (let step = 0; step < 8; step++) {
      model.zeroGrad();
      const loss = fixtureLoss(model.forward(x), targets);
      losses.push(loss.itemSync());
      loss.backward();
      sgd.step();
    }
    const shown = `losses ${losses.map((l) => l.toFixed(4)).join(" → ")}`;
    assert.ok(losses.every((l, i) => i === 0 || l < losses[i - 1]), shown);
    assert.ok(losses[7] < 0.7 * losses[0], shown);
  });
});
