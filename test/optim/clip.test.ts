import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, optim, tensor, Tensor, zeros } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { leastSquares, loadFixture, trainStep } from "./fixtures.js";

interface Clipped {
  total: number | null;
  w: number[];
  b: number[];
}
const fixture = loadFixture<{
  grads: { w: number[]; wShape: number[]; b: number[]; bShape: number[] };
  norm: (Clipped & { maxNorm: number; normType: number | "inf" })[];
  value: (Clipped & { clipValue: number })[];
}>("clipping.json");

/** Two parameters carrying the fixture's gradients. */
function withGrads(): [Tensor, Tensor] {
  const { grads } = fixture;
  const w = zeros(grads.wShape, { requiresGrad: true });
  const b = zeros(grads.bShape, { requiresGrad: true });
  w.grad = tensor(Float32Array.from(grads.w), grads.wShape);
  b.grad = tensor(Float32Array.from(grads.b), grads.bShape);
  return [w, b];
}

describe("gradient clipping matches torch.nn.utils", () => {
  for (const c of fixture.norm) {
    it(`clipGradNorm(maxNorm ${c.maxNorm}, normType ${c.normType})`, () => {
      const [w, b] = withGrads();
      const total = optim.clipGradNorm([w, b], c.maxNorm, c.normType === "inf" ? Infinity : c.normType);
      assertClose(total, c.total!);
      assertClose(w.grad!, c.w);
      assertClose(b.grad!, c.b);
    });
  }
  for (const c of fixture.value) {
    it(`clipGradValue(${c.clipValue})`, () => {
      const [w, b] = withGrads();
      optim.clipGradValue([w, b], c.clipValue);
      assertClose(w.grad!, c.w);
      assertClose(b.grad!, c.b);
    });
  }

  it("scales gradients that share storage only once (the engine may hand one buffer to several leaves)", () => {
    const a = tensor([3, 0], { requiresGrad: true });
    const b = tensor([0, 4], { requiresGrad: true });
    a.add(b).mul(tensor([3, 4])).sum().backward(); // both grads are [3, 4]
    const total = optim.clipGradNorm([a, b], 1);
    assertClose(total, Math.sqrt(50));
    const scale = 1 / (Math.sqrt(50) + 1e-6);
    assertClose(a.grad!, [3 * scale, 4 * scale]);
    assertClose(b.grad!, [3 * scale, 4 * scale]);
  });

  it("skips parameters without a gradient, accepts a single tensor, and returns 0 when there is nothing to clip", () => {
    const [w, b] = withGrads();
    b.grad = null;
    const total = optim.clipGradNorm(w, 1e9);
    assertClose(total, Math.hypot(...fixture.grads.w));
    assert.equal(optim.clipGradNorm([b], 1), 0);
    assert.equal(b.grad, null);
  });

  it("errors name the function and the argument", () => {
    const [w] = withGrads();
    assert.throws(() => optim.clipGradNorm([w], -1), /clipGradNorm: maxNorm must be a number ≥ 0, got -1/);
    assert.throws(() => optim.clipGradNorm([w], 1, 0), /clipGradNorm: normType must be a number > 0, got 0/);
    assert.throws(() => optim.clipGradValue([w], Number.NaN), /clipGradValue: clipValue must be a number ≥ 0, got NaN/);
    w.grad = tensor([Number.NaN, 1]);
    assert.throws(() => optim.clipGradNorm([w], 1, 2, { errorIfNonfinite: true }), /clipGradNorm: the total norm of order 2 of the gradients is NaN/);
    assert.throws(() => optim.clipGradNorm([w, [1, 2]] as never, 1), /clipGradNorm: element 1 of params is object, not a Tensor/);
  });
});

describe("weight penalties", () => {
  it("l1Penalty is λ·Σ|w| with gradient λ·sign(w)", () => {
    const w = tensor([[0.5, -2], [3, -0.25]], { dtype: "float64", requiresGrad: true });
    const b = tensor([-1.5], { dtype: "float64", requiresGrad: true });
    const penalty = optim.l1Penalty([w, b], 0.1);
    assertClose(penalty, 0.1 * (0.5 + 2 + 3 + 0.25 + 1.5));
    penalty.backward();
    assertClose(w.grad!, [0.1, -0.1, 0.1, -0.1]);
    assertClose(b.grad!, [-0.1]);
    gradcheck((x, y) => optim.l1Penalty([x, y], 0.3), [w.detach().requiresGrad_(), b.detach().requiresGrad_()]);
  });

  it("l2Penalty is (λ/2)·Σw², so adding it to the loss equals SGD's weightDecay λ", () => {
    gradcheck((x) => optim.l2Penalty([x], 0.7), [tensor([0.3, -1.2, 2], { dtype: "float64", requiresGrad: true })]);
    const decayed = leastSquares();
    const sgd = new optim.SGD([decayed.w, decayed.b], { lr: 0.1, weightDecay: 0.2 });
    const penalised = leastSquares();
    const plain = new optim.SGD([penalised.w, penalised.b], { lr: 0.1 });
    for (let i = 0; i < 3; i++) {
      trainStep(sgd, decayed.loss);
      trainStep(plain, () => penalised.loss().add(optim.l2Penalty([penalised.w, penalised.b], 0.2)));
    }
    assertClose(penalised.w, decayed.w);
    assertClose(penalised.b, decayed.b);
  });

  it("an L1 penalty drives weights that do not help the loss to zero", () => {
    // loss = (w0 − 1)² + λ|w0| + λ|w1|: w1 has no other pull, so it must end at (almost) 0.
    const w = tensor([0.2, 0.8], { requiresGrad: true });
    const opt = new optim.SGD([w], { lr: 0.01 });
    for (let i = 0; i < 300; i++) trainStep(opt, () => w.select(0, 0).sub(1).square().add(optim.l1Penalty(w, 0.4)));
    assertClose(w, [0.8, 0], { atol: 0.011 }); // minimiser: w0 = 1 − λ/2; w1 oscillates within lr·λ of 0
  });

  it("rejects a negative lambda", () => {
    assert.throws(() => optim.l1Penalty([zeros([2])], -1), /l1Penalty: lambda must be a number ≥ 0, got -1/);
  });
});
