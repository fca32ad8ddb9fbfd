/**
 * The fused convolution + ReLU: the same values and gradients as conv then relu (float64, both
 * backends' kernels), gradient-checked; nn.Sequential fuses Conv→ReLU and nothing else; and
 * reluMask, ReLU's one-pass backward, on the wasm kernel against the reference.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conv, convRelu, nn, randn, relu, sum, tensor, type Tensor } from "../../src/index.js";
import { grad } from "../../src/autograd/index.js";
import { kernels } from "../../src/backend/index.js";
import { assertClose, onBackend } from "../helpers.js";
import { assertGradcheck, assertGradgradcheck, sampler } from "./gradcheck.js";

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

describe("the fused linear layer (product, bias and ReLU in one kernel)", () => {
  for (const backend of ["reference", "wasm"]) {
    it(`equals the unfused ops in value and gradients, float32 on ${backend}, with and without ReLU and bias`, () => {
      onBackend(backend, () => {
        for (const [relu, withBias] of [[true, true], [false, true], [true, false]]) {
          const x = randn([37, 50]).requiresGrad_();
          const w = randn([21, 50]).requiresGrad_();
          const b = withBias ? randn([21]).requiresGrad_() : null;
          const fused = (relu ? nn.functional.linearRelu : nn.functional.linear)(x, w, b);
          const product = x.matmul(w.transpose(0, 1));
          const biased = b ? product.add(b) : product;
          const plain = relu ? biased.relu() : biased;
          assertClose(Array.from(fused.values), Array.from(plain.values), { rtol: 1e-5, atol: 1e-5 });
          const weights = randn(fused.shape);
          const inputs = b ? [x, w, b] : [x, w];
          const gFused = grad(sum(fused.mul(weights)), inputs);
          const gPlain = grad(sum(plain.mul(weights)), inputs);
          gFused.forEach((g, k) => assertClose(Array.from(g.values), Array.from(gPlain[k].values), { rtol: 1e-4, atol: 1e-4, message: `input ${k}, relu ${relu}` }));
        }
      });
    });
  }

  it("passes the finite-difference gradient check, first and second order (float64)", () => {
    const s = sampler(22);
    assertGradcheck((x, w, b) => nn.functional.linearRelu(x, w, b), [s.normal([4, 5]), s.normal([3, 5]), s.normal([3])]);
    assertGradgradcheck((x, w, b) => nn.functional.linearRelu(x, w, b), [s.normal([3, 4]), s.normal([2, 4]), s.normal([2])]);
  });

  it("is what nn.Sequential runs for Linear→ReLU, and linear on 1-D and 3-D inputs still works", () => {
    const net = new nn.Sequential(new nn.Linear(6, 4), new nn.ReLU(), new nn.Linear(4, 2));
    const x = randn([5, 6]).requiresGrad_();
    const hidden = net.forward(x);
    assert.equal((hidden.gradFn?.inputs[0] as Tensor).gradFn?.name, "linearRelu");
    const layered = [...net].reduce((out, m) => m.forward(out), x);
    assertClose(Array.from(hidden.values), Array.from(layered.values), { rtol: 1e-6 });
    const linear = net.at(0) as nn.Linear;
    assert.deepEqual(linear.forward(randn([6])).shape, [4]);
    const x3 = randn([2, 3, 6]);
    const y3 = linear.forward(x3);
    assert.deepEqual(y3.shape, [2, 3, 4]);
    assertClose(Array.from(y3.values), Array.from(linear.forward(x3.reshape([6, 6])).values), { rtol: 1e-6 });
  });
});
