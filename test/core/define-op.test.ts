import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { abs, add, clamp, defineOp, exp, grad, gradcheck, log1p, mul, noGrad, relu, round, sigmoid, softplus, sum, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

/** log(1 + eˣ) written as max(x, 0) + log1p(e^−|x|), which neither overflows nor loses small values. */
const stableSoftplus = defineOp({
  name: "stableSoftplus",
  forward(ctx, x) {
    ctx.saveForBackward(x);
    return add(relu(x), log1p(exp(mul(abs(x), -1))));
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors;
    return [mul(g, sigmoid(x))]; // d/dx log(1 + eˣ) = σ(x)
  },
});

/** Rounds forward, passes the gradient straight through (the straight-through estimator). */
const roundStraightThrough = defineOp({ name: "roundST", forward: (_ctx, x) => round(x), backward: (_ctx, g) => [g] });

describe("defineOp", () => {
  it("a stable softplus matches the built-in one, stays finite at ±100, and passes gradcheck", () => {
    const x = tensor([-100, -3, -0.5, 0, 0.7, 4, 100]);
    assertClose(stableSoftplus(x), softplus(x), { rtol: 1e-6 });
    assert.equal(stableSoftplus(tensor([1000])).values[0], 1000);
    assert.equal(gradcheck(stableSoftplus, [tensor([[-3, -0.5, 0.2], [0.7, 2, 5]])]), true);
  });

  it("a straight-through estimator rounds forward and hands the gradient back unchanged", () => {
    const x = tensor([0.2, 1.6, -2.4]).requiresGrad_();
    const y = roundStraightThrough(x);
    assert.deepEqual(Array.from(y.values), [0, 2, -2]);
    assert.equal(y.gradFn?.name, "roundST");
    mul(y, tensor([1, 2, 3])).sum().backward();
    assert.deepEqual(Array.from(x.grad!.values), [1, 2, 3]);
  });

  it("tells backward which inputs need a gradient and gives the others none", () => {
    let seen: readonly boolean[] = [];
    const product = defineOp({
      name: "product",
      forward(ctx, a, b) {
        ctx.saveForBackward(a, b);
        return mul(a, b);
      },
      backward(ctx, g) {
        seen = ctx.needsInputGrad;
        const [a, b] = ctx.savedTensors;
        return [mul(g, b), mul(g, a)];
      },
    });
    const a = tensor([2, 3]).requiresGrad_();
    const b = tensor([5, 7]);
    sum(product(a, b)).backward();
    assert.deepEqual(seen, [true, false]);
    assert.deepEqual(Array.from(a.grad!.values), [5, 7]);
    assert.equal(b.grad, null);
    assert.equal(gradcheck(product, [tensor([1, -2]), tensor([0.5, 3])]), true);
  });

  it("records nothing under noGrad, and its forward leaves no graph of its own", () => {
    const x = tensor([1, 2]).requiresGrad_();
    const y = noGrad(() => stableSoftplus(x));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.gradFn, null);
    assert.equal(stableSoftplus(x).gradFn?.inputs[0], x);
  });

  it("an input returned as is stays a leaf", () => {
    const identity = defineOp({ name: "identity", forward: (_ctx, x) => x, backward: (_ctx, g) => [g] });
    const x = tensor([1, 2]).requiresGrad_();
    const y = identity(x);
    assert.notEqual(y, x);
    assert.equal(x.isLeaf, true);
    sum(y).backward();
    assert.deepEqual(Array.from(x.grad!.values), [1, 1]);
  });

  it("a backward written in ops can be differentiated again", () => {
    const x = tensor([-1, 0.5, 2]).requiresGrad_();
    const [dx] = grad(sum(stableSoftplus(x)), [x], { createGraph: true });
    const [ddx] = grad(sum(dx), [x]);
    const s = sigmoid(tensor([-1, 0.5, 2]));
    assertClose(ddx, mul(s, add(mul(s, -1), 1)), { rtol: 1e-5 });
  });

  it("names the op and the input when backward returns the wrong number or shape of gradients", () => {
    const x = tensor([1, 2, 3]).requiresGrad_();
    const y = tensor([4, 5, 6]).requiresGrad_();
    const tooFew = defineOp({ name: "tooFew", forward: (_ctx, a, b) => add(a, b), backward: (_ctx, g) => [g] });
    assert.throws(() => sum(tooFew(x, y)).backward(), /^TypeError: tooFew\.backward: expected an array of 2 gradients \(one per input, null for none\), got 1 gradients$/);
    const misshapen = defineOp({ name: "misshapen", forward: (_ctx, a, b) => add(a, b), backward: (_ctx, g) => [g, sum(g)] });
    assert.throws(() => sum(misshapen(x, y)).backward(), /misshapen\.backward: the gradient of input 1 has shape \[\] but input 1 has shape \[3\]/);
    const notTensor = defineOp({ name: "notTensor", forward: (_ctx, a) => clamp(a, 0), backward: () => [2 as unknown as Tensor] });
    assert.throws(() => sum(notTensor(x)).backward(), /notTensor\.backward: the gradient of input 0 must be a Tensor or null, got number/);
  });

  it("refuses a definition without a name, non-tensor inputs and a forward that returns no tensor", () => {
    assert.throws(() => defineOp({ name: "", forward: (_ctx, x) => x, backward: (_ctx, g) => [g] }), /defineOp: the definition needs a name/);
    assert.throws(() => roundStraightThrough(3 as unknown as Tensor), /roundST: input 0 must be a Tensor, got number/);
    const broken = defineOp({ name: "broken", forward: () => [1] as unknown as Tensor, backward: (_ctx, g) => [g] });
    assert.throws(() => broken(tensor([1])), /broken\.forward: must return a Tensor, got object/);
  });
});
