/**
 * NaN and infinities stop before they reach the weights: fit(), the TBPTT loop and the unsupervised
 * loops refuse the step, leave every weight as it was, and say whether the batch, the loss or the
 * gradient of which parameter was to blame; detectAnomaly names the op that first made one.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnomalyError, detectAnomaly, isAnomalyEnabled, log, manualSeed, mul, nn, optim, sqrt, square, sub, sum, tensor, type Tensor } from "../../src/index.js";
import { DataLoader, TensorDataset } from "../../src/data/index.js";
import { assertFiniteGradients, fit, NonFiniteError, trainTbpttEpoch } from "../../src/train/index.js";
import { Autoencoder, trainAutoencoderEpoch, rowLoader } from "../../src/unsupervised/index.js";

const quiet = { progress: false, print: () => {} };

function setup(x: Float32Array) {
  manualSeed(5);
  const model = new nn.Sequential(new nn.Linear(2, 4), new nn.ReLU(), new nn.Linear(4, 2));
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
  const y = new Int32Array(x.length / 2).map((_, i) => i % 2);
  const train = new DataLoader(new TensorDataset(tensor(x, [x.length / 2, 2]), tensor(y, [y.length])), { batchSize: 4 });
  return { model, optimizer, train, epochs: 1, ...quiet };
}

const snapshot = (m: nn.Module) => [...m.stateDict()].map(([k, t]) => [k, Array.from(t.values)]);
const crossEntropy = (o: Tensor, t: Tensor) => nn.functional.crossEntropy(o, t);

describe("a training step a NaN cannot get through", () => {
  it("blames the batch when the inputs hold a NaN, and updates nothing", async () => {
    const x = new Float32Array(16).map((_, i) => i / 16);
    x[9] = NaN; // in the third batch... of 4 samples: batch 2 (samples 4–7 hold x[8..15])
    const s = setup(x);
    const before = snapshot(s.model);
    const afterFirstBatch: unknown[] = [];
    await assert.rejects(fit({ ...s, loss: crossEntropy, onBatchEnd: () => void afterFirstBatch.push(snapshot(s.model)) }), (e: Error) => {
      assert.ok(e instanceof NonFiniteError);
      assert.equal(e.source, "input");
      assert.match(e.message, /^fit: epoch 1, batch 2: the batch itself is not finite \(input 0 holds 1 of 8 NaN or infinite values\)/);
      assert.match(e.message, /weights were not updated/);
      return true;
    });
    assert.equal(afterFirstBatch.length, 1);
    assert.deepEqual(snapshot(s.model), afterFirstBatch[0], "the failed step changed no weight");
    assert.notDeepEqual(before, afterFirstBatch[0]);
  });

  it("blames the loss when the batch is finite", async () => {
    const s = setup(new Float32Array(8).fill(0.5));
    const before = snapshot(s.model);
    const logOfZero = (o: Tensor) => mul(sum(o), log(tensor([0])));
    await assert.rejects(fit({ ...s, loss: logOfZero }), (e: Error) => e instanceof NonFiniteError && e.source === "loss" && /batch 1: the loss is -?(Infinity|NaN) though the batch is finite/.test(e.message));
    assert.deepEqual(snapshot(s.model), before);
  });

  it("names the parameter whose gradient is not finite when the loss is", async () => {
    const s = setup(new Float32Array(8).fill(0.5));
    const before = snapshot(s.model);
    // √(Σ(o − o)²) is 0, but its derivative at 0 is 1/0
    const sqrtAtZero = (o: Tensor) => sqrt(sum(square(sub(o, o.detach()))));
    await assert.rejects(fit({ ...s, loss: sqrtAtZero }), (e: Error) => {
      assert.ok(e instanceof NonFiniteError && e.source === "gradient");
      assert.match(e.message, /batch 1: the gradient of 0\.weight \(\d of 8 values\), 0\.bias \(\d of 4 values\), 2\.weight \(8 of 8 values\) and 1 more is not finite, though the loss is 0/);
      return true;
    });
    assert.deepEqual(snapshot(s.model), before);
  });

  it("guards the TBPTT loop and the unsupervised loops the same way", async () => {
    manualSeed(2);
    const rnn = new nn.RNN(3, 4);
    // a language model whose logits overflow: the RNN's outputs times log(0)
    const model = {
      forwardWithState: (x: Tensor, state?: { h: Tensor }) => {
        const { output, h } = rnn.forwardWithState(x, { h: state?.h });
        return { logits: mul(output, log(tensor([0]))), state: { h } };
      },
      parameters: () => rnn.parameters(),
      train: () => rnn.train(),
      eval: () => rnn.eval(),
      training: true,
    };
    const chunks = [{ x: tensor(new Float32Array(2 * 3 * 3).fill(0.1), [2, 3, 3]), y: tensor(new Int32Array(6), [2, 3]) }];
    await assert.rejects(trainTbpttEpoch({ model: model as never, optimizer: new optim.SGD(rnn.parameters(), { lr: 0.1 }), chunks }), /trainTbpttEpoch: chunk 1: the loss is/);

    const autoencoder = new Autoencoder(4, 2);
    autoencoder.parameters()[0].values[3] = NaN; // a weight already diverged
    const before = snapshot(autoencoder);
    const data = tensor(new Float32Array(8).fill(0.5), [2, 4]);
    await assert.rejects(trainAutoencoderEpoch(autoencoder, new optim.SGD(autoencoder.parameters(), { lr: 0.1 }), rowLoader(data, 2, 1)), (e: Error) => e instanceof NonFiniteError && e.source === "loss" && /trainAutoencoderEpoch: batch 1/.test(e.message));
    assert.deepEqual(snapshot(autoencoder), before);

    const layer = new nn.Linear(2, 2);
    layer.weight.grad = tensor([[0, NaN], [0, 0]]);
    assert.throws(() => assertFiniteGradients(layer, "contrastive divergence step", "as the RBM's weights grew"), /contrastive divergence step: the gradient of weight \(1 of 4 values\) is not finite, as the RBM's weights grew/);
  });
});

describe("detectAnomaly", () => {
  it("names the forward op that made a NaN from finite inputs", () => {
    assert.throws(() => detectAnomaly(() => log(tensor([1, -1]))), (e: Error) => e instanceof AnomalyError && e.op === "log" && /log made 1 NaN or infinite values \(of 2, shape \[2\]\) from finite inputs/.test(e.message));
    assert.throws(() => detectAnomaly(() => mul(tensor([NaN]), 2)), /input 0 of mul .* already holds NaN.*no recorded op made them/);
    assert.ok(Number.isNaN(log(tensor([-1])).itemSync()), "off outside the scope");
    assert.equal(isAnomalyEnabled(), false);
  });

  it("names the op whose backward made one, with the stack of its forward call", () => {
    const w = tensor([0, 1], { requiresGrad: true });
    assert.throws(
      () => detectAnomaly(() => sum(sqrt(w)).backward()),
      (e: Error) => e instanceof AnomalyError && e.op === "sqrt" && /the backward of sqrt made 1 NaN or infinite values in the gradient of its input 0/.test(e.message) && /guarded-step\.test\.js/.test(e.message),
    );
  });

  it("fit's option turns it on for the run, and off after", async () => {
    const s = setup(new Float32Array(8).fill(0.5));
    const sqrtAtZero = (o: Tensor) => sqrt(sum(square(sub(o, o.detach()))));
    await assert.rejects(fit({ ...s, loss: sqrtAtZero, detectAnomaly: true }), (e: Error) => e instanceof AnomalyError && e.op === "sqrt");
    assert.equal(isAnomalyEnabled(), false);
  });
});
