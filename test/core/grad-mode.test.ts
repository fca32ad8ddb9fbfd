import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { enableGrad, isGradEnabled, noGrad, setGradEnabled, ShapeError, tensor } from "../../src/index.js";
import { grad } from "../../src/autograd/index.js";
import { assertClose } from "../helpers.js";

describe("requiresGrad, detach and grad modes", () => {
  it("records only when some input requires a gradient and the result is a float", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const c = tensor([3, 4]);
    assert.equal(c.mul(c).requiresGrad, false);
    assert.equal(c.mul(c).gradFn, null);
    const y = x.mul(c);
    assert.equal(y.requiresGrad, true);
    assert.equal(y.gradFn?.name, "mul");
    assert.equal(y.isLeaf, false);
    assert.equal(S.argmax(y).requiresGrad, false, "int32 results carry no gradient");
    assert.equal(x.gt(1).requiresGrad, false);
  });

  it("requiresGrad_ marks leaves, refuses int32, and cannot unmark a non-leaf", () => {
    const x = tensor([1]).requiresGrad_();
    assert.equal(x.requiresGrad, true);
    assert.throws(() => tensor([1], { dtype: "int32" }).requiresGrad_(), /requiresGrad_: only float tensors can require gradients; this one is int32/);
    assert.throws(() => x.mul(2).requiresGrad_(false), /requiresGrad_: cannot turn off gradients of a non-leaf tensor; use detach\(\)/);
  });

  it("detach shares the values but not the graph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const d = y.detach();
    assert.equal(d.values, y.values);
    assert.equal(d.requiresGrad, false);
    assert.equal(d.gradFn, null);
  });

  it("noGrad nests, restores the mode after an exception, and enableGrad overrides it", () => {
    const x = tensor([1], { requiresGrad: true });
    noGrad(() => {
      assert.equal(isGradEnabled(), false);
      assert.equal(enableGrad(() => x.mul(2)).requiresGrad, true);
      noGrad(() => assert.equal(isGradEnabled(), false));
      assert.equal(isGradEnabled(), false);
    });
    assert.throws(() => noGrad(() => {
      throw new Error("boom");
    }), /boom/);
    assert.equal(isGradEnabled(), true);
    setGradEnabled(false);
    assert.equal(x.mul(2).requiresGrad, false);
    setGradEnabled(true);
    assert.equal(x.mul(2).requiresGrad, true);
  });

  it("noGrad refuses an async function, whose awaits would leak the mode", () => {
    assert.throws(() => noGrad(async () => 1), /noGrad\/enableGrad take a synchronous function/);
    assert.equal(isGradEnabled(), true);
  });
});

describe("backward", () => {
  it("takes the gradient of a non-scalar output, and checks its shape", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).backward(tensor([1, 0, -1]));
    assertClose(x.grad!, [2, 0, -6]);
    assert.throws(() => x.mul(2).backward(tensor([1, 2])), (e: Error) => e instanceof ShapeError && /backward: gradient of shape \[2\] does not match the output's shape \[3\]/.test(e.message));
  });

  it("refuses an output that does not require a gradient", () => {
    assert.throws(() => tensor([1]).sum().backward(), /backward: this tensor does not require a gradient/);
  });

  it("runs from a leaf", () => {
    const x = tensor(2, { requiresGrad: true });
    x.backward();
    assertClose(x.grad!, [1]);
  });

  it("sums gradients over a diamond of shared subexpressions", () => {
    const x = tensor([0.5, -1], { dtype: "float64", requiresGrad: true });
    const h = x.exp(); // used by both branches
    const y = h.mul(h).add(h.sin()).sum(); // d/dx = (2h + cos h)·h
    y.backward();
    const e = [Math.exp(0.5), Math.exp(-1)];
    assertClose(x.grad!, e.map((h) => (2 * h + Math.cos(h)) * h));
  });

  it("goes through a chain of 20 000 ops without overflowing the stack", () => {
    const x = tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.add(0.001);
    y.sum().backward();
    assertClose(x.grad!, [1]);
  });

  it("can be differentiated again through an op whose backward uses its output (softmax)", () => {
    const x = tensor([0.3, -0.2, 0.9], { dtype: "float64", requiresGrad: true });
    const y = x.softmax().mul(tensor([1, 2, 3], { dtype: "float64" })).sum();
    y.backward(undefined, { createGraph: true });
    const g = x.grad!;
    x.grad = null;
    g.square().sum().backward();
    assert.ok(x.grad!.values.every(Number.isFinite));
  });
});

describe("grad", () => {
  it("returns gradients without touching .grad", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { requiresGrad: true });
    const [gx, gw] = grad(x.mul(w).sum(), [x, w]);
    assertClose(gx, [3, 4]);
    assertClose(gw, [1, 2]);
    assert.equal(x.grad, null);
    assert.equal(w.grad, null);
  });

  it("gives zeros for an input the output does not depend on, and takes gradOutput", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const unused = tensor([5], { requiresGrad: true });
    const [gx, gu] = grad(x.mul(3), [x, unused], { gradOutput: tensor([1, -1]) });
    assertClose(gx, [3, -3]);
    assertClose(gu, [0]);
  });

  it("computes a Hessian-vector product with createGraph", () => {
    // f(x) = Σ x³, so ∇f = 3x² and the Hessian is diag(6x); H·v for v = [1, 1]
    const x = tensor([1, -2], { dtype: "float64", requiresGrad: true });
    const [g] = grad(x.pow(3).sum(), [x], { createGraph: true });
    const [hv] = grad(g.sum(), [x]);
    assertClose(hv, [6, -12]);
  });
});
