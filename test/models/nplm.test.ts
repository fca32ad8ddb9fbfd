import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, manualSeed, nn, optim, softmax, tensor, type Tensor } from "../../src/index.js";
import { NPLM } from "../../src/models/index.js";
import { assertClose, assertShape } from "../helpers.js";

const f64 = (values: number[], shape: number[]) => new nn.Parameter(tensor(Float64Array.from(values), shape));

describe("NPLM", () => {
  it("maps [batch, context] windows to [batch, vocabSize] logits, with and without direct connections", () => {
    for (const directConnections of [false, true]) {
      const model = new NPLM({ vocabSize: 7, context: 3, embeddingDim: 4, hidden: 5, directConnections });
      assertShape(model.forward(tensor(Int32Array.of(0, 1, 2, 7, 7, 6), [2, 3])), [2, 7]);
      assertShape(model.embedding.weight, [8, 4]); // one row per word, plus the start row
      assert.equal(model.direct === null, !directConnections);
    }
  });

  it("names the bad option or input shape", () => {
    assert.throws(() => new NPLM({ vocabSize: 5, context: 0, embeddingDim: 2, hidden: 2 }), /NPLM: context must be a positive integer, got 0/);
    assert.throws(() => new NPLM({ vocabSize: 5, context: 2, embeddingDim: 2.5, hidden: 2 }), /embeddingDim must be a positive integer, got 2\.5/);
    const model = new NPLM({ vocabSize: 5, context: 2, embeddingDim: 2, hidden: 2 });
    assert.throws(() => model.forward(tensor(Int32Array.of(0, 1, 2), [1, 3])), /NPLM\.forward: expected int32 context windows \[batch, 2\], got \[1, 3\]/);
    assert.throws(() => model.score([0, 5]), /NPLM\.score: token 1 has id 5, outside 0\.\.4/);
  });

  it("gives a proper distribution over the next word", () => {
    manualSeed(3);
    const model = new NPLM({ vocabSize: 6, context: 2, embeddingDim: 3, hidden: 4, directConnections: true });
    const p = softmax(model.forward(tensor(Int32Array.of(0, 1, 6, 2, 5, 5), [3, 2])));
    for (let row = 0; row < 3; row++) {
      const probs = Array.from(p.values.subarray(row * 6, row * 6 + 6));
      assert.ok(probs.every((q) => q > 0 && q < 1));
      assertClose(probs.reduce((a, b) => a + b, 0), 1, { atol: 1e-6 });
    }
  });

  it("reads positions before the stream as the start id", () => {
    const model = new NPLM({ vocabSize: 4, context: 2, embeddingDim: 1, hidden: 1 });
    assert.deepEqual(Array.from(model.windows([2, 0, 3], [0, 1, 2]).values), [4, 4, 4, 2, 2, 0]);
  });

  it("computes y = b + W·x + U·tanh(d + H·x) (a hand-worked example)", () => {
    // V = 3, n − 1 = 2, m = 1, h = 1. Embeddings C: word 0 → 1, word 1 → 2, word 2 → −1, start → 0.5.
    const model = new NPLM({ vocabSize: 3, context: 2, embeddingDim: 1, hidden: 1, directConnections: true });
    model.embedding.weight = f64([1, 2, -1, 0.5], [4, 1]);
    model.hiddenLayer.weight = f64([0.5, 0.25], [1, 2]); // H
    model.hiddenLayer.bias = f64([0.1], [1]); // d
    model.outputLayer.weight = f64([1, -2, 0], [3, 1]); // U
    model.outputLayer.bias = f64([0, 0.5, -0.5], [3]); // b
    model.direct!.weight = f64([1, 0, 0, 1, -1, -1], [3, 2]); // W
    // Window [0, 2]: x = (1, −1); d + H·x = 0.1 + 0.5 − 0.25 = 0.35, tanh 0.35 = 0.336376...
    // y = (0 + 1 + 0.336376, 0.5 − 1 − 0.672752, −0.5 + 0 + 0) = (1.336376, −1.172752, −0.5).
    // Window [start, 1]: x = (0.5, 2); 0.1 + 0.25 + 0.5 = 0.85, tanh 0.85 = 0.691069...
    // y = (0.5 + 0.691069, 0.5 + 2 − 1.382138, −0.5 − 2.5) = (1.191069, 1.117862, −3).
    const y = model.forward(tensor(Int32Array.of(0, 2, 3, 1), [2, 2]));
    assertClose(y, [1.3363755, -1.172751, -0.5, 1.1910694, 1.1178612, -3], { atol: 1e-6 });
  });

  it("passes gradcheck as a whole (every parameter, direct connections included)", () => {
    manualSeed(5);
    const model = new NPLM({ vocabSize: 4, context: 2, embeddingDim: 2, hidden: 3, directConnections: true });
    const params = [model.embedding.weight, model.hiddenLayer.weight, model.hiddenLayer.bias!, model.outputLayer.weight, model.outputLayer.bias!, model.direct!.weight];
    const x = tensor(Int32Array.of(0, 1, 4, 3, 2, 2), [3, 2]);
    const target = tensor(Int32Array.of(2, 0, 1), [3]);
    const loss = (C: Tensor, H: Tensor, d: Tensor, U: Tensor, b: Tensor, W: Tensor) => {
      const m = model as unknown as Record<string, Record<string, Tensor>>;
      [m.embedding.weight, m.hiddenLayer.weight, m.hiddenLayer.bias, m.outputLayer.weight, m.outputLayer.bias, m.direct.weight] = [C, H, d, U, b, W];
      return nn.functional.crossEntropy(model.forward(x), target);
    };
    assert.equal(gradcheck(loss, params.map((p) => tensor(Float64Array.from(p.values), p.shape))), true);
  });

  it("learns a deterministic sequence to a perplexity near 1", () => {
    manualSeed(1);
    const sequence = Array.from({ length: 60 }, (_, i) => [0, 1, 2, 3, 1, 4][i % 6]); // 1 is followed by 2 or 4: context 2 decides
    const model = new NPLM({ vocabSize: 5, context: 2, embeddingDim: 4, hidden: 16 });
    const positions = Array.from({ length: sequence.length - 1 }, (_, i) => i + 1);
    const x = model.windows(sequence, positions);
    const y = tensor(Int32Array.from(positions, (p) => sequence[p]), [positions.length]);
    const perplexity = () => Math.exp(-model.score(sequence) / (sequence.length - 1));
    assert.ok(perplexity() > 3, `untrained perplexity ${perplexity()}`);
    const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
    for (let step = 0; step < 150; step++) {
      optimizer.zeroGrad();
      nn.functional.crossEntropy(model.forward(x), y).backward();
      optimizer.step();
    }
    assert.ok(perplexity() < 1.05, `trained perplexity ${perplexity()}`);
  });
});
