/**
 * The fused convolution + ReLU: the same values and gradients as conv then relu (float64, both
 * backends' kernels), gradient-checked; nn.Sequential fuses Conv→ReLU and nothing else; and
 * reluMask, ReLU's one-pass backward, on the wasm kernel against the reference.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conv, convRelu, getBackend, nn, randn, relu, setBackend, sum, tensor, type Tensor } from "../../src/index.js";
import { grad } from "../../src/autograd/index.js";
import { kernels } from "../../src/backend/index.js";
import { assertClose } from "../helpers.js";
import { assertGradcheck, assertGradgradcheck, sampler } from "./gradcheck.js";

function onBackend<T>(name: string, fn: () => T): T {
  const initial = getBackend();
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend(initial);
  }
}

describe("convRelu", () => {
  for (const backend of ["reference", "wasm"]) {
    it(`equals relu(conv(…)) in value and in all three gradients, float32 on ${backend}`, () => {
      onBackend(backend, () => {
        const x = randn([3, 4, 11, 9]).requiresGrad_();
        const w = randn([6, 4, 3, 3]).requiresGrad_();
        const b = randn([6]).requiresGrad_();
        const options = { padding: 1, stride: [1, 2] as [number, number] };
        const fused = convRelu(x, w, b, options);
        const plain = relu(conv(x, w, b, options));
        assert.deepEqual(fused.shape, plain.shape);
        assertClose(Array.from(fused.values), Array.from(plain.values), { rtol: 1e-5, atol: 1e-5 });
        assert.ok(Array.from(fused.values).some((v) => v === 0) && Array.from(fused.values).some((v) => v > 0), "both signs occur");
        const weights = randn(fused.shape);
        const gFused = grad(sum(fused.mul(weights)), [x, w, b]);
        const gPlain = grad(sum(plain.mul(weights)), [x, w, b]);
        gFused.forEach((g, k) => assertClose(Array.from(g.values), Array.from(gPlain[k].values), { rtol: 1e-4, atol: 1e-4, message: ["x", "w", "b"][k] }));
      });
    });
  }

  it("passes the finite-difference gradient check, first and second order (float64)", () => {
    const s = sampler(21);
    const fn = (x: Tensor, w: Tensor, b: Tensor) => convRelu(x, w, b, { padding: 1 });
    assertGradcheck(fn, [s.normal([2, 2, 5, 4]), s.normal([3, 2, 3, 3]), s.normal([3])]);
    assertGradgradcheck(fn, [s.normal([1, 2, 4, 4]), s.normal([2, 2, 3, 3]), s.normal([2])]);
  });

  it("keeps NaN, as relu does", () => {
    const x = tensor([[[[NaN, 1], [-1, 2]]]]);
    const out = convRelu(x, tensor([[[[1]]]]), null);
    assert.ok(Number.isNaN(out.values[0]));
    assert.deepEqual(Array.from(out.values).slice(1), [1, 0, 2]);
  });
});

describe("nn.Sequential fuses a convolution with the ReLU after it", () => {
  it("gives the same output and gradients as running the modules one by one", () => {
    const net = new nn.Sequential(new nn.Conv2d(2, 4, 3, { padding: 1 }), new nn.ReLU(), new nn.Conv2d(4, 3, 3), new nn.Tanh(), new nn.Conv2d(3, 2, 1), new nn.ReLU());
    const x = randn([2, 2, 8, 8]);
    const fused = net.forward(x);
    const layered = [...net].reduce((out, m) => m.forward(out), x);
    assertClose(Array.from(fused.values), Array.from(layered.values), { rtol: 1e-5, atol: 1e-6 });
    const params = net.parameters();
    const gFused = grad(sum(fused.square()), params);
    const gLayered = grad(sum(layered.square()), params);
    gFused.forEach((g, k) => assertClose(Array.from(g.values), Array.from(gLayered[k].values), { rtol: 1e-4, atol: 1e-5, message: `parameter ${k}` }));
  });

  it("runs convRelu for Conv→ReLU only: not for a subclass of ReLU, nor a convolution whose forward is overridden", () => {
    class LeakyRelu extends nn.ReLU {
      override forward(x: Tensor): Tensor {
        return x.maximum(x.mul(0.1));
      }
    }
    class Doubled extends nn.Conv2d {
      override forward(x: Tensor): Tensor {
        return super.forward(x).mul(2);
      }
    }
    const x = randn([1, 1, 5, 5]);
    const leaky = new nn.Sequential(new nn.Conv2d(1, 2, 3), new LeakyRelu());
    const byHand = (leaky.at(0) as nn.Conv2d).forward(x);
    assertClose(Array.from(leaky.forward(x).values), Array.from(byHand.maximum(byHand.mul(0.1)).values), { rtol: 1e-6 });
    const doubled = new nn.Sequential(new Doubled(1, 2, 3), new nn.ReLU());
    assertClose(Array.from(doubled.forward(x).values), Array.from(relu((doubled.at(0) as Doubled).forward(x)).values), { rtol: 1e-6 });
    assert.equal(doubled.forward(x).gradFn?.name, "relu");
    assert.equal(new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.ReLU()).forward(x.requiresGrad_()).gradFn?.name, "convRelu");
  });
});

describe("reluMask (ReLU's backward)", () => {
  it("passes g where x > 0 or NaN, gives 0 where x ≤ 0 (even for an infinite g), the same on wasm as the reference", () => {
    const n = 1003;
    const g = randn([n]);
    g.values[0] = Infinity;
    const x = randn([n]);
    x.values[0] = -1;
    x.values[1] = NaN;
    x.values[2] = -0;
    const both = ["reference", "wasm"].map((b) => onBackend(b, () => kernels().binary("reluMask", g, x, [n], "float32").values));
    assert.deepEqual(Array.from(both[1]), Array.from(both[0]));
    const expected = Array.from(g.values, (v, i) => (x.values[i] <= 0 ? 0 : v));
    assert.deepEqual(Array.from(both[0]), expected);
    assert.equal(both[0][0], 0);
    assert.equal(both[0][1], g.values[1]);
  });
});
