import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, nn, optim, tensor, type Tensor } from "../../src/index.js";

const STEPS = 6;

/** A batch of random bit strings [N, T, 1] and their running parity (XOR of the bits so far) [N·T]. */
function parityBatch(n: number, generator: Generator): { x: Tensor; y: Tensor } {
  const bits = Float32Array.from({ length: n * STEPS }, () => (generator.uniform() < 0.5 ? 1 : 0));
  const parity = new Int32Array(n * STEPS);
  for (let i = 0; i < n; i++) {
    for (let t = 0, p = 0; t < STEPS; t++) parity[i * STEPS + t] = p ^= bits[i * STEPS + t];
  }
  return { x: tensor(bits, [n, STEPS, 1]), y: tensor(parity, [n * STEPS]) };
}

describe("LSTM learning", () => {
  it("learns the running parity of a bit string to ≥ 95% accuracy on fresh strings", () => {
    manualSeed(0);
    const generator = new Generator(1);
    const lstm = new nn.LSTM(1, 12, { batchFirst: true });
    const head = new nn.Linear(12, 2);
    const opt = new optim.Adam([...lstm.parameters(), ...head.parameters()], { lr: 0.03 });
    const logits = (x: Tensor) => head.forward(lstm.forward(x)).reshape([x.shape[0] * STEPS, 2]);
    for (let step = 0; step < 300; step++) {
      const { x, y } = parityBatch(32, generator);
      const loss = nn.functional.crossEntropy(logits(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
    const { x, y } = parityBatch(500, generator);
    const predicted = Array.from(logits(x).argmax(1).values);
    const accuracy = predicted.reduce((n, p, i) => n + (p === y.values[i] ? 1 : 0), 0) / y.size;
    assert.ok(accuracy >= 0.95, `accuracy ${accuracy}`);
  });
});
