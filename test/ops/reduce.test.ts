import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { ShapeError, tensor, zeros, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

type Reduction = (x: Tensor, axes: number | number[] | undefined, keepDim: boolean) => Tensor;

const reductions: [string, Reduction][] = [
  ["sum", (x, a, k) => S.sum(x, a, k)],
  ["mean", (x, a, k) => S.mean(x, a, k)],
  ["max", (x, a, k) => S.max(x, a, k)],
  ["min", (x, a, k) => S.min(x, a, k)],
  ["var", (x, a, k) => S.variance(x, a, { keepDim: k })],
  ["var (correction 0)", (x, a, k) => S.variance(x, a, { keepDim: k, correction: 0 })],
  ["std", (x, a, k) => S.std(x, a, { keepDim: k })],
  ["logsumexp", (x, a, k) => S.logsumexp(x, a, k)],
];

const axisChoices: [string, number | number[] | undefined, number[], number[]][] = [
  // label, axes, shape without keepDim, shape with keepDim (input [2, 3, 4])
  ["axis 1", 1, [2, 4], [2, 1, 4]],
  ["axes [0, 2]", [0, 2], [3], [1, 3, 1]],
  ["negative axis -1", -1, [2, 3], [2, 3, 1]],
  ["negative axes [-3, -2]", [-3, -2], [4], [1, 1, 4]],
  ["all axes", undefined, [], [1, 1, 1]],
];

describe("reduction gradients (gradcheck)", () => {
  const r = sampler(3);
  for (const [name, reduce] of reductions) {
    for (const [label, axes, shape, keptShape] of axisChoices) {
      for (const keepDim of [false, true]) {
        it(`${name} over ${label}${keepDim ? " with keepDim" : ""}`, () => {
          const x = r.normal([2, 3, 4]);
          assertShape(reduce(x, axes, keepDim), keepDim ? keptShape : shape);
          assertGradcheck((t) => reduce(t, axes, keepDim), [x]);
        });
      }
    }
  }

  it("max and min of a 0-d tensor, and sum over an axis of size 1", () => {
    assertGradcheck((t) => S.max(t), [r.normal([])]);
    assertGradcheck((t) => S.sum(t, 1), [r.normal([3, 1])]);
  });
});

describe("reductions at ties and edges", () => {
  it("max and min share the gradient equally among tied elements (torch.amax)", () => {
    const x = tensor([[1, 3, 3], [2, 0, 2]], { requiresGrad: true });
    S.max(x, 1).sum().backward();
    assertClose(x.grad!, [0, 0.5, 0.5, 0.5, 0, 0.5]);
    const y = tensor([4, -1, -1, -1], { requiresGrad: true });
    S.min(y).backward();
    assertClose(y.grad!, [0, 1 / 3, 1 / 3, 1 / 3]);
  });

  it("argmax and argmin return the first of tied positions, as int32", () => {
    const x = tensor([[1, 3, 3], [2, 2, 1]]);
    assert.deepEqual([...S.argmax(x, 1).values], [1, 0]);
    assert.deepEqual([...S.argmin(x, -1, true).values], [0, 2]);
    assertShape(S.argmin(x, -1, true), [2, 1]);
    assert.equal(S.argmax(x).dtype, "int32");
    assert.equal(S.argmax(x).itemSync(), 1, "without an axis: the index into the flattened tensor");
  });

  it("var and std follow Bessel's correction by default (worked example)", () => {
    const x = tensor([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, squared deviations sum to 32
    assertClose(S.variance(x), 32 / 7);
    assertClose(S.variance(x, 0, { correction: 0 }), 4);
    assertClose(S.std(x, undefined, { correction: 0 }), 2);
  });

  it("logsumexp does not overflow, and handles -inf and empty axes", () => {
    assertClose(S.logsumexp(tensor([1000, 1000])), 1000 + Math.LN2);
    assert.equal(S.logsumexp(tensor([-Infinity, -Infinity])).itemSync(), -Infinity);
    assert.deepEqual([...S.logsumexp(zeros([0, 3]), 0).values], [-Infinity, -Infinity, -Infinity]);
    assertShape(S.logsumexp(zeros([0, 3]), 1), [0]);
  });

  it("sum and mean of int32: sum stays int32, mean is float32", () => {
    const i = tensor([[1, 2], [3, 4]], { dtype: "int32" });
    assert.equal(S.sum(i).dtype, "int32");
    assert.equal(S.sum(i).itemSync(), 10);
    assert.equal(S.mean(i).dtype, "float32");
    assertClose(S.mean(i, 0), [2, 3]);
  });

  it("sums an empty tensor to zero and refuses max, min and argmax of one", () => {
    assert.equal(S.sum(zeros([0, 3])).itemSync(), 0);
    assert.deepEqual([...S.sum(zeros([0, 3]), 0).values], [0, 0, 0]);
    assert.throws(() => S.max(zeros([0, 3])), /max: cannot reduce an empty tensor of shape \[0, 3\]/);
    assert.throws(() => S.argmax(zeros([0])), /argmax: cannot reduce an empty tensor of shape \[0\]/);
  });

  it("keeps float32 sums accurate over many elements (accumulated in double)", () => {
    const n = 1 << 20;
    assert.equal(S.sum(S.full([n], 0.1)).itemSync(), Math.fround(n * Math.fround(0.1)));
  });

  it("names the op and the axis when an axis is out of range or repeated", () => {
    assert.throws(() => S.sum(zeros([2, 3]), 2), (e: Error) => e instanceof ShapeError && /^sum: axis 2 is out of range for a tensor with 2 dimension/.test(e.message));
    assert.throws(() => S.mean(zeros([2, 3]), [1, -1]), /mean: axes \[1, -1\] repeat an axis/);
  });
});
