import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

describe("elementwise math gradients (gradcheck)", () => {
  const r = sampler(2);
  // each function on inputs inside its domain, away from poles and kinks
  const smooth: [string, (x: Tensor) => Tensor, () => Tensor][] = [
    ["neg", S.neg, () => r.normal([2, 3])],
    ["exp", S.exp, () => r.normal([2, 3])],
    ["log", S.log, () => r.uniform([2, 3], 0.2, 3)],
    ["log1p", S.log1p, () => r.uniform([2, 3], -0.5, 3)],
    ["expm1", S.expm1, () => r.normal([2, 3])],
    ["sqrt", S.sqrt, () => r.uniform([2, 3], 0.2, 3)],
    ["rsqrt", S.rsqrt, () => r.uniform([2, 3], 0.2, 3)],
    ["square", S.square, () => r.normal([2, 3])],
    ["reciprocal", S.reciprocal, () => r.uniform([2, 3], 0.3, 3)],
    ["sin", S.sin, () => r.normal([2, 3])],
    ["cos", S.cos, () => r.normal([2, 3])],
    ["tanh", S.tanh, () => r.normal([2, 3])],
    ["sigmoid", S.sigmoid, () => r.normal([2, 3]).mul(3)],
    ["softplus", S.softplus, () => r.normal([2, 3]).mul(3)],
    ["relu", S.relu, () => r.normal([2, 3])],
    ["abs", S.abs, () => r.normal([2, 3])],
    ["clamp both bounds", (x) => S.clamp(x, -0.5, 0.5), () => r.normal([3, 4])],
    ["clamp min only", (x) => S.clamp(x, -0.25), () => r.normal([3, 4])],
    ["clamp max only", (x) => x.clamp(undefined, 0.25), () => r.normal([3, 4])],
  ];
  for (const [name, fn, input] of smooth) it(name, () => assertGradcheck(fn, [input()]));

  // piecewise constant: a zero gradient, checked between the jumps (x·10.3 avoids integers and halves)
  for (const name of ["sign", "floor", "ceil", "round", "trunc"] as const) {
    it(`${name} (zero gradient between jumps)`, () => {
      const x = tensor([-2.31, -0.77, 0.13, 1.62, 2.94], { dtype: "float64" });
      assertGradcheck((t) => S[name](t).mul(t), [x]);
    });
  }

  it("where, with the condition broadcast and both branches differentiated", () => {
    const cond = tensor([[1, 0, 1], [0, 0, 1]], { dtype: "int32" });
    assertGradcheck((a, b) => S.where(cond, a, b), [r.normal([2, 3]), r.normal([3])]);
    assertGradcheck((a) => S.where(cond, a, 0.5), [r.normal([2, 1])]);
  });
});

describe("elementwise math values", () => {
  it("rounds half to even, as PyTorch", () => {
    assert.deepEqual([...S.round(tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 2.6])).values], [-2, -2, -0, 0, 2, 2, 4, 3]);
  });

  it("keeps sigmoid and softplus finite and accurate at the extremes", () => {
    assertClose(S.sigmoid(tensor([-800, 0, 800], { dtype: "float64" })), [0, 0.5, 1], { atol: 1e-300 });
    assertClose(S.softplus(tensor([-800, 0, 800], { dtype: "float64" })), [0, Math.LN2, 800], { atol: 1e-300 });
  });

  it("lifts int32 to float32 for functions with fractional results, and keeps it for the rest", () => {
    const i = tensor([1, 4, 9], { dtype: "int32" });
    assert.equal(S.sqrt(i).dtype, "float32");
    assertClose(S.sqrt(i), [1, 2, 3]);
    assert.equal(S.abs(i).dtype, "int32");
    assert.equal(S.neg(i).dtype, "int32");
    assert.equal(S.square(i).dtype, "int32");
  });

  it("propagates NaN through relu and clamp, and isnan finds it", () => {
    const x = tensor([NaN, -1, 2]);
    assert.ok(Number.isNaN(S.relu(x).values[0]));
    assert.ok(Number.isNaN(S.clamp(x, 0, 1).values[0]));
    assert.deepEqual([...S.isnan(x).values], [1, 0, 0]);
  });

  it("refuses a clamp whose min exceeds its max", () => {
    assert.throws(() => S.clamp(tensor([1]), 2, 1), /clamp: min \(2\) exceeds max \(1\)/);
  });
});
