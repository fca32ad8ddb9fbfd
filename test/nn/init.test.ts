import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, nn, tensor, zeros, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

const { init } = nn;

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const v = Array.from(t.values);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  return { mean, std, min: Math.min(...v), max: Math.max(...v) };
}

// 200 × 300 = 60 000 draws: sample std is within ~0.3% of the true one
const big = () => zeros([200, 300]);

describe("nn.init", () => {
  it("fanInOut counts channels times the receptive field", () => {
    assert.deepEqual(init.fanInOut(zeros([10, 20])), { fanIn: 20, fanOut: 10 });
    assert.deepEqual(init.fanInOut(zeros([16, 6, 5, 5])), { fanIn: 150, fanOut: 400 });
    assert.throws(() => init.fanInOut(zeros([5])), /fanInOut: .* at least 2 dimensions \[out, in, …\], got shape \[5\]/);
  });

  it("calculateGain follows PyTorch", () => {
    assertClose(init.calculateGain("relu"), Math.SQRT2);
    assertClose(init.calculateGain("tanh"), 5 / 3);
    assertClose(init.calculateGain("leakyRelu", 0.2), Math.sqrt(2 / 1.04));
    assertClose(init.calculateGain("sigmoid"), 1);
    assert.throws(() => init.calculateGain("swish" as never), /unknown nonlinearity "swish"/);
  });

  it("uniform_ and normal_ have the asked-for moments", () => {
    manualSeed(1);
    const u = stats(init.uniform_(big(), -2, 4));
    assert.ok(u.min >= -2 && u.max < 4);
    assertClose(u.mean, 1, { atol: 0.03 });
    assertClose(u.std, 6 / Math.sqrt(12), { rtol: 0.01 });
    const n = stats(init.normal_(big(), 3, 0.5));
    assertClose(n.mean, 3, { atol: 0.01 });
    assertClose(n.std, 0.5, { rtol: 0.01 });
  });

  it("xavierUniform_ stays within gain·√(6/(fanIn+fanOut)) and has its std", () => {
    manualSeed(2);
    const bound = 2 * Math.sqrt(6 / 500);
    const s = stats(init.xavierUniform_(big(), 2));
    assert.ok(s.max <= bound && s.min >= -bound && s.max > 0.99 * bound);
    assertClose(s.std, bound / Math.sqrt(3), { rtol: 0.01 });
  });

  it("xavierNormal_ has std gain·√(2/(fanIn+fanOut))", () => {
    manualSeed(3);
    assertClose(stats(init.xavierNormal_(big())).std, Math.sqrt(2 / 500), { rtol: 0.01 });
  });

  it("kaimingUniform_ stays within √(6/fanIn) for ReLU, and uses fanOut when asked", () => {
    manualSeed(4);
    const bound = Math.sqrt(6 / 300);
    const s = stats(init.kaimingUniform_(big(), { nonlinearity: "relu" }));
    assert.ok(s.max <= bound && s.min >= -bound && s.max > 0.99 * bound);
    assertClose(s.std, Math.sqrt(2 / 300), { rtol: 0.01 });
    assertClose(stats(init.kaimingUniform_(big(), { mode: "fanOut" })).std, Math.sqrt(2 / 200), { rtol: 0.01 });
  });

  it("kaimingNormal_ has std gain/√fan (leaky ReLU with slope a)", () => {
    manualSeed(5);
    const gain = Math.sqrt(2 / (1 + 0.1 * 0.1));
    assertClose(stats(init.kaimingNormal_(big(), { a: 0.1 })).std, gain / Math.sqrt(300), { rtol: 0.01 });
  });

  it("fills in place, returns the tensor, and repeats with the same generator seed", () => {
    const t = zeros([3, 4]);
    assert.equal(init.kaimingUniform_(t, { generator: new Generator(1) }), t);
    const again = init.kaimingUniform_(zeros([3, 4]), { generator: new Generator(1) });
    assert.deepEqual(t.values, again.values);
    assertClose(init.constant_(zeros([2]), 0.5), [0.5, 0.5]);
    assertClose(init.ones_(zeros([2])), [1, 1]);
    assertClose(init.zeros_(tensor([3, 4])), [0, 0]);
  });

  it("refuses int32 tensors and bad ranges", () => {
    assert.throws(() => init.normal_(zeros([2], { dtype: "int32" })), /normal_: needs a float tensor, got int32/);
    assert.throws(() => init.uniform_(zeros([2]), 1, 0), /lower bound a \(1\) exceeds the upper bound b \(0\)/);
    assert.throws(() => init.kaimingNormal_(zeros([2, 2]), { mode: "fan_in" as never }), /mode must be "fanIn" or "fanOut"/);
  });
});
