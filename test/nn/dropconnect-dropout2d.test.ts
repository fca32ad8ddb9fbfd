import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eye, Generator, gradcheck, manualSeed, nn, ones, randn, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";

const F = nn.functional;
const f64 = { dtype: "float64" } as const;

/** The weight the layer actually used: with the identity as input, y = I·(W ⊙ M)ᵀ, so y's transpose. */
function usedWeight(layer: nn.DropConnect): Tensor {
  return layer.forward(eye(layer.inFeatures)).T;
}

describe("DropConnect", () => {
  it("in training multiplies each weight by 0 (probability p) or 1/(1 − p), one mask per forward", () => {
    manualSeed(21);
    const layer = new nn.DropConnect(200, 100, { p: 0.3, bias: false });
    const used = usedWeight(layer);
    let dropped = 0;
    used.values.forEach((v, i) => {
      if (v === 0) dropped++;
      else assertClose(v, layer.weight.values[i] / 0.7, { message: `weight ${i}` });
    });
    // 20,000 weights: the dropped fraction has a standard deviation of √(0.3·0.7/20000) ≈ 0.003
    assert.ok(Math.abs(dropped / used.size - 0.3) < 0.015, `dropped fraction ${dropped / used.size}`);
    assert.notDeepEqual(usedWeight(layer).values, used.values, "a new mask on the next forward");
  });

  it("keeps the expected weight: the average of many masked weights approaches W", () => {
    manualSeed(22);
    const layer = new nn.DropConnect(4, 3, { p: 0.5, bias: false });
    const average = new Float64Array(12);
    const draws = 4000;
    for (let k = 0; k < draws; k++) usedWeight(layer).values.forEach((v, i) => (average[i] += v / draws));
    // each draw is W or 0 scaled by 2: the average's standard deviation is |w|/√draws ≈ 0.016·|w|
    average.forEach((a, i) => assertClose(a, layer.weight.values[i], { rtol: 0.08, atol: 1e-3, message: `weight ${i}` }));
  });

  it("is a plain Linear in eval mode, and shares Linear's state-dict keys", () => {
    const layer = new nn.DropConnect(5, 3, { p: 0.9 }).eval();
    const linear = new nn.Linear(5, 3);
    linear.loadStateDict(layer.stateDict());
    const x = randn([4, 5]);
    assert.deepEqual(layer.forward(x).values, linear.forward(x).values);
    assert.deepEqual([...layer.stateDict().keys()], ["weight", "bias"]);
    assert.equal(String(layer), "DropConnect(in_features=5, out_features=3, bias=True, p=0.9)");
  });

  it("Torch7 backward uses the mask of the forward it follows", () => {
    manualSeed(23);
    const layer = new nn.DropConnect(6, 4, { bias: false });
    const used = usedWeight(layer); // forward on the identity
    const gradOutput = randn([6, 4]);
    // dL/dx = gradOutput·(W ⊙ M), the mask the forward drew
    assertClose(layer.backward(eye(6), gradOutput), gradOutput.matmul(used));
  });

  it("passes gradcheck in input, weight and bias with a fixed mask", () => {
    const fixedMask = (x: Tensor, w: Tensor, b: Tensor) => F.dropConnect(x, w, b, { p: 0.4, generator: new Generator(7) });
    assert.equal(gradcheck(fixedMask, [randn([3, 5], f64), randn([4, 5], f64), randn([4], f64)]), true);
  });

  it("functional form: the identity mask when not training; errors name the argument", () => {
    const [x, w] = [randn([2, 3]), randn([4, 3])];
    assert.deepEqual(F.dropConnect(x, w, null, { training: false }).values, F.linear(x, w).values);
    assert.throws(() => F.dropConnect(x, w, null, { p: 1.5 }), /dropConnect: p \(the probability of dropping a weight\) must be in \[0, 1\], got 1.5/);
    assert.throws(() => new nn.DropConnect(3, 2, { p: -0.1 }), /DropConnect: p .* got -0.1/);
  });
});

describe("Dropout2d", () => {
  it("zeroes whole channels at rate ≈ p and scales the rest by 1/(1 − p)", () => {
    manualSeed(31);
    const y = new nn.Dropout2d(0.3).forward(ones([50, 40, 3, 3]));
    let dropped = 0;
    for (let channel = 0; channel < 50 * 40; channel++) {
      const values = y.values.subarray(channel * 9, channel * 9 + 9);
      const first = values[0];
      assert.ok(values.every((v) => v === first), `channel ${channel} is all one value`);
      if (first === 0) dropped++;
      else assertClose(first, 1 / 0.7);
    }
    // 2,000 channels: the dropped fraction has a standard deviation of ≈ 0.01
    assert.ok(Math.abs(dropped / 2000 - 0.3) < 0.04, `dropped fraction ${dropped / 2000}`);
  });

  it("sends gradients only through the kept channels, scaled the same way", () => {
    manualSeed(32);
    const x = randn([4, 6, 2, 2]).requiresGrad_();
    const y = F.dropout2d(x, 0.5);
    y.sum().backward();
    x.grad!.values.forEach((g, i) => assert.equal(g, y.values[i] === 0 ? 0 : 2, `element ${i}`));
  });

  it("is the identity in eval mode, with training false, or with p = 0; reproducible with a seed", () => {
    const x = randn([2, 3, 4, 4]);
    assert.equal(new nn.Dropout2d().eval().forward(x), x);
    assert.equal(F.dropout2d(x, 0.5, false), x);
    assert.equal(F.dropout2d(x, 0), x);
    assert.deepEqual(F.dropout2d(x, 0.5, true, new Generator(4)).values, F.dropout2d(x, 0.5, true, new Generator(4)).values);
  });

  it("drops channels of [N, C, L] inputs too, and names what it expected otherwise", () => {
    manualSeed(33);
    const y = F.dropout2d(ones([8, 5, 7]), 0.5);
    assertShape(y, [8, 5, 7]);
    for (let channel = 0; channel < 40; channel++) assert.equal(new Set(y.values.subarray(channel * 7, channel * 7 + 7)).size, 1);
    assert.throws(() => F.dropout2d(randn([4, 5])), /dropout2d: expected an \[N, C, H, W\] input \(or \[N, C, L\], dropping channels all the same\), got shape \[4, 5\]/);
    assert.throws(() => new nn.Dropout2d(2), /Dropout2d: p \(the probability of dropping a channel\) must be in \[0, 1\], got 2/);
  });
});
