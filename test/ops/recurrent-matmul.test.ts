/** recurrentMatmul: per-step products x·Wᵀ whose weight gradient is taken once for all steps. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concat, matmulT, mul, noGrad, randn, recurrentMatmul, sum, tanh } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { assertGradcheck, assertGradgradcheck, sampler } from "./gradcheck.js";

describe("recurrentMatmul", () => {
  it("computes x·Wᵀ step by step", () => {
    const w = randn([5, 3]);
    const product = recurrentMatmul(w);
    for (const x of [randn([2, 3]), randn([4, 3])]) assertClose(product(x), matmulT(x, w, false, true), { rtol: 1e-6 });
  });

  it("gradients match finite differences through a recurrence, where each step feeds the next", () => {
    const r = sampler(41);
    assertGradcheck((w, h0, x) => {
      const product = recurrentMatmul(w);
      const states = [h0];
      for (let t = 0; t < 3; t++) states.push(tanh(product(states[t]).add(mul(x, t + 1))));
      return concat(states.slice(1), 1);
    }, [r.normal([3, 3]), r.normal([2, 3]), r.normal([2, 3])]);
  });

  it("gives the same gradients as one matmul per step, when only some steps are used", () => {
    const w = randn([4, 4], { requiresGrad: true });
    const same = w.detach().requiresGrad_();
    const xs = [randn([2, 4]), randn([2, 4]), randn([2, 4])];
    const product = recurrentMatmul(w);
    const outs = xs.map((x) => product(x));
    sum(mul(outs[0], 2)).add(sum(outs[2])).backward();
    sum(mul(matmulT(xs[0], same, false, true), 2)).add(sum(matmulT(xs[2], same, false, true))).backward();
    assertClose(w.grad!, same.grad!, { rtol: 1e-5, atol: 1e-6 });
  });

  it("to second order (its backward is written in ops)", () => {
    const r = sampler(42);
    assertGradgradcheck((w, x) => {
      const product = recurrentMatmul(w);
      const h1 = tanh(product(x));
      return product(h1);
    }, [r.normal([3, 3]), r.normal([2, 3])]);
  });

  it("records nothing under noGrad", () => {
    const w = randn([2, 2], { requiresGrad: true });
    const y = noGrad(() => recurrentMatmul(w)(randn([1, 2])));
    assert.equal(y.requiresGrad, false);
  });

  it("rejects a weight that is not 2-D and a step input of the wrong width", () => {
    assert.throws(() => recurrentMatmul(randn([3])), /recurrentMatmul: weight must be 2-D \[out, in\], got shape \[3\]/);
    assert.throws(() => recurrentMatmul(randn([4, 3]))(randn([2, 4])), /recurrentMatmul: x must be \[batch, 3\] for weight \[4, 3\], got \[2, 4\]/);
  });
});
