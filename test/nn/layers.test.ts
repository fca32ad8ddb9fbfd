import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, gradcheck, manualSeed, nn, ones, randn, tensor, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadFixture, type EncodedTensor } from "./fixture.js";

interface LinearCase {
  input: EncodedTensor;
  weight: EncodedTensor;
  bias: EncodedTensor;
  gradOutput: EncodedTensor;
  output: EncodedTensor;
  gradInput: EncodedTensor;
  gradWeight: EncodedTensor;
  gradBias: EncodedTensor;
}

describe("Linear", () => {
  for (const c of loadFixture<LinearCase[]>("linear.json")) {
    it(`matches PyTorch on an input of shape ${JSON.stringify(c.input.shape)} (output, input/weight/bias gradients)`, () => {
      const layer = new nn.Linear(4, 3);
      layer.loadStateDict({ weight: decode(c.weight), bias: decode(c.bias) });
      const x = decode(c.input).requiresGrad_();
      const y = layer.forward(x);
      assertClose(y, decode(c.output));
      y.backward(decode(c.gradOutput));
      assertClose(x.grad!, decode(c.gradInput));
      assertClose(layer.weight.grad!, decode(c.gradWeight));
      assertClose(layer.bias!.grad!, decode(c.gradBias));

      layer.zeroGrad();
      assertClose(layer.backward(decode(c.input), decode(c.gradOutput)), decode(c.gradInput), { message: "Torch7 backward" });
      assertClose(layer.weight.grad!, decode(c.gradWeight), { message: "Torch7 accumulated gradWeight" });
    });
  }

  it("passes gradcheck through input, weight and bias", () => {
    const f64 = { dtype: "float64" } as const;
    assert.equal(gradcheck(nn.functional.linear, [randn([2, 3, 4], f64), randn([5, 4], f64), randn([5], f64)]), true);
  });

  it("takes a single vector, and works without a bias", () => {
    const layer = new nn.Linear(3, 2, { bias: false });
    assert.equal(layer.bias, null);
    assert.deepEqual(layer.namedParameters().map(([n]) => n), ["weight"]);
    layer.weight.values.set([1, 2, 3, 4, 5, 6]);
    assertClose(layer.forward(tensor([1, 0, -1])), [-2, -2]);
  });

  it("initialises weight and bias in U(±1/√inFeatures), as PyTorch", () => {
    manualSeed(7);
    const layer = new nn.Linear(400, 300);
    const bound = 1 / Math.sqrt(400);
    for (const p of layer.parameters()) {
      const values = Array.from(p.values);
      assert.ok(values.every((v) => Math.abs(v) <= bound), "inside the bound");
      assert.ok(Math.max(...values) > 0.95 * bound && Math.min(...values) < -0.95 * bound, "and reaching it");
    }
    const w = Array.from(layer.weight.values);
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    assertClose(variance, (bound * bound) / 3, { rtol: 0.03 }); // the variance of U(−b, b) is b²/3
  });

  it("names the expected and the received feature counts", () => {
    assert.throws(() => new nn.Linear(784, 10).forward(randn([2, 28, 28])), /linear: input of shape \[2, 28, 28\] must end in inFeatures = 784 \(weight has shape \[10, 784\]\)/);
    assert.throws(() => new nn.Linear(2.5, 3), /inFeatures must be a non-negative integer, got 2.5/);
  });
});

describe("Flatten and Identity", () => {
  it("Flatten keeps the batch dimension by default", () => {
    assertShape(new nn.Flatten().forward(randn([2, 3, 4, 5])), [2, 60]);
    assertShape(new nn.Flatten(2).forward(randn([2, 3, 4, 5])), [2, 3, 20]);
    assertShape(nn.functional.flatten(randn([2, 3, 4]), 0, 1), [6, 4]);
  });

  it("Flatten's Torch7 backward gives gradOutput back in the input's shape", () => {
    const gradOutput = randn([2, 12]);
    const gradInput = new nn.Flatten().backward(randn([2, 3, 4]), gradOutput);
    assertShape(gradInput, [2, 3, 4]);
    assertClose(gradInput, gradOutput, { rtol: 0, atol: 0 });
  });

  it("Identity returns its input", () => {
    const x = randn([3]);
    assert.equal(new nn.Identity().forward(x), x);
  });
});

describe("Dropout", () => {
  const x = ones([200, 250]);

  it("zeroes about p of the elements and keeps the mean (inverted dropout)", () => {
    manualSeed(11);
    const y = Array.from(new nn.Dropout(0.3).forward(x).values);
    const zeros = y.filter((v) => v === 0).length / y.length;
    assertClose(zeros, 0.3, { rtol: 0, atol: 0.01 }); // 50 000 draws: the std of the fraction is 0.002
    assert.ok(y.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-6), "survivors are scaled by 1/(1 − p)");
    assertClose(y.reduce((s, v) => s + v, 0) / y.length, 1, { rtol: 0, atol: 0.015 });
  });

  it("is the identity in eval mode, and after eval() on a parent", () => {
    const drop = new nn.Dropout(0.5);
    const net = new nn.Sequential(drop);
    net.eval();
    assert.equal(drop.forward(x), x);
    net.train();
    assert.notEqual(drop.forward(x), x);
  });

  it("is seeded: the same seed gives the same mask; a generator can be passed to the functional form", () => {
    manualSeed(5);
    const a = new nn.Dropout(0.5).forward(x).values;
    manualSeed(5);
    const b = new nn.Dropout(0.5).forward(x).values;
    assert.deepEqual(a, b);
    const c = nn.functional.dropout(x, 0.5, true, new Generator(9)).values;
    const d = nn.functional.dropout(x, 0.5, true, new Generator(9)).values;
    assert.deepEqual(c, d);
  });

  it("Torch7 backward uses the mask of the forward it follows", () => {
    const drop = new nn.Dropout(0.5);
    const input = randn([4, 6]);
    const output = drop.forward(input);
    const gradInput = drop.backward(input, ones([4, 6]));
    // d(output)/d(input) is the mask itself: output / input wherever input is non-zero
    assertClose(gradInput, output.div(input));
  });

  it("keeps p = 1 finite (all zeros) and refuses p outside [0, 1]", () => {
    assert.ok(Array.from(new nn.Dropout(1).forward(x).values).every((v) => v === 0));
    assert.throws(() => new nn.Dropout(1.5), /Dropout: p \(the probability of dropping an element\) must be in \[0, 1\], got 1.5/);
    assert.throws(() => nn.functional.dropout(x, -0.1), /dropout: p/);
  });
});

describe("nn.functional twins", () => {
  it("give the same results as the modules", () => {
    const x: Tensor = randn([3, 4]);
    const pairs: [nn.Module, (t: Tensor) => Tensor][] = [
      [new nn.ReLU(), nn.functional.relu],
      [new nn.Softplus(2, 5), (t) => nn.F.softplus(t, 2, 5)],
      [new nn.LeakyReLU(0.3), (t) => nn.F.leakyRelu(t, 0.3)],
      [new nn.LogSoftmax(0), (t) => nn.F.logSoftmax(t, 0)],
    ];
    for (const [module, fn] of pairs) assertClose(module.forward(x), fn(x), { rtol: 0, atol: 0, message: module.toString() });
  });
});
