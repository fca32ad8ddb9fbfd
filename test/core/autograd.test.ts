import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, GradcheckError, noGrad, randn, tensor, Tensor, ShapeError } from "../../src/index.js";
import { assertClose } from "../helpers.js";

describe("autograd engine", () => {
  it("accumulates gradients of a tensor used twice (a DAG, not a tree)", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x).add(x.mul(3)).sum(); // d/dx = 2x + 3
    y.backward();
    assertClose(x.grad!, [5, 7, 9]);
  });

  it("accumulates into .grad across backward calls, as PyTorch does", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(2).sum().backward();
    x.mul(2).sum().backward();
    assertClose(x.grad!, [4, 4]);
  });

  it("records nothing inside noGrad", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.gradFn, null);
  });

  it("detach cuts the graph", () => {
    const x = tensor([3], { requiresGrad: true });
    const y = x.mul(x.detach()).sum(); // d/dx = x (the detached factor is a constant)
    y.backward();
    assertClose(x.grad!, [3]);
  });

  it("refuses a second backward through a freed graph, and allows it with retainGraph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    assert.throws(() => y.backward(), /already freed/);
  });

  it("computes gradients of gradients with createGraph", () => {
    const x = tensor([0.5, -1.5], { dtype: "float64", requiresGrad: true });
    const y = x.pow(3).sum();
    y.backward(undefined, { createGraph: true });
    const g = x.grad!; // 3x²
    x.grad = null;
    g.sum().backward(); // d/dx Σ 3x² = 6x
    assertClose(x.grad!, [3, -9]);
  });

  it("keeps .grad of a non-leaf that asked with retainGrad", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2).retainGrad();
    h.square().sum().backward();
    assertClose(h.grad!, [4, 8]);
  });

  it("asks for a gradient when the output is not a scalar", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    assert.throws(() => x.mul(2).backward(), ShapeError);
  });
});

describe("gradcheck", () => {
  it("passes a correct gradient", () => {
    assert.equal(gradcheck((a) => a.tanh().mul(a), [randn([3, 2])]), true);
  });

  it("catches a wrong one", () => {
    // an op whose recorded backward is deliberately off by a factor of two
    const wrong = (a: Tensor) => {
      const out = a.mul(1).detach();
      out.requiresGrad = true;
      out.gradFn = { name: "wrong", inputs: [a], backward: (g) => [g.mul(2)] };
      return out;
    };
    assert.throws(() => gradcheck(wrong, [randn([4])]), GradcheckError);
  });
});
