import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { argmax, eq, manualSeed, nn, noGrad, tensor, type Tensor } from "../../src/index.js";

/** Plain gradient descent, written out: p ← p − lr·∂loss/∂p. */
function sgdStep(params: nn.Parameter[], lr: number): void {
  for (const p of params) {
    const g = p.grad!.values;
    for (let i = 0; i < p.size; i++) p.values[i] -= lr * g[i];
  }
}

/** Two interleaved spirals, one per class: not linearly separable. */
function spiral(perClass: number): { x: Tensor; y: Tensor } {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < perClass; i++) {
      const r = (i + 1) / perClass;
      const angle = 2 * Math.PI * r + c * Math.PI; // one full turn each
      points.push([r * Math.cos(angle), r * Math.sin(angle)]);
      labels.push(c);
    }
  }
  return { x: tensor(points), y: tensor(labels, { dtype: "int32" }) };
}

describe("a small network learns", () => {
  it("XOR, with a 2-8-1 tanh MLP and BCE-with-logits", () => {
    manualSeed(0);
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tensor([[0], [1], [1], [0]]);
    const net = new nn.Sequential(new nn.Linear(2, 8), new nn.Tanh(), new nn.Linear(8, 1));
    const criterion = new nn.BCEWithLogitsLoss();
    for (let step = 0; step < 500; step++) {
      net.zeroGrad();
      criterion.forward(net.forward(x), y).backward();
      sgdStep(net.parameters(), 0.5);
    }
    const predicted = noGrad(() => net.forward(x)).values.map((v) => (v > 0 ? 1 : 0));
    assert.deepEqual(Array.from(predicted), [0, 1, 1, 0]);
  });

  it("a two-class spiral, with a 2-32-32-2 ReLU MLP and cross-entropy", () => {
    manualSeed(1);
    const { x, y } = spiral(50);
    const net = new nn.Sequential(new nn.Linear(2, 32), new nn.ReLU(), new nn.Linear(32, 32), new nn.ReLU(), new nn.Linear(32, 2));
    let loss = Infinity;
    for (let step = 0; step < 1000; step++) {
      net.zeroGrad();
      const l = nn.functional.crossEntropy(net.forward(x), y);
      loss = l.itemSync();
      l.backward();
      sgdStep(net.parameters(), 0.5);
    }
    const accuracy = noGrad(() => eq(argmax(net.forward(x), 1), y).float().mean().itemSync());
    assert.ok(accuracy >= 0.99, `accuracy ${accuracy}, final loss ${loss}`);
  });
});
