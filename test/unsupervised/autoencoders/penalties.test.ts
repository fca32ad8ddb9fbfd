/** The autoencoders' penalties: finite differences, the lecture's closed form for the sparsity gradient, and the contractive penalty against an autograd Jacobian. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { grad, gradcheck, manualSeed, rand, randn, Tensor, tensor, zeros } from "../../../src/index.js";
import { Autoencoder, bernoulliKl, contractivePenalty, reconstructionError, sparsityPenalty } from "../../../src/unsupervised/autoencoders/index.js";
import { assertClose } from "../../helpers.js";

const leaf = (t: Tensor) => t.double().detach().requiresGrad_(true);

describe("sparsity penalty β Σ_j KL(ρ‖ρ̂_j)", () => {
  const rho = 0.05;
  const beta = 3;

  it("passes a finite-difference gradient check with respect to the codes", () => {
    manualSeed(1);
    const codes = rand([6, 4], { low: 0.05, high: 0.95 });
    assert.equal(gradcheck((h) => sparsityPenalty(h, rho, beta), [codes]), true);
  });

  it("has the lecture's gradient β(−ρ/ρ̂ + (1−ρ)/(1−ρ̂)) with respect to ρ̂", () => {
    const rhoHat = leaf(tensor([0.01, 0.05, 0.2, 0.7, 0.99]));
    const [g] = grad(bernoulliKl(rho, rhoHat).sum().mul(beta), [rhoHat]);
    const expected = Array.from(rhoHat.values, (r) => beta * (-rho / r + (1 - rho) / (1 - r)));
    assertClose(g, expected, { rtol: 1e-9 });
  });

  it("reaches ρ̂ through the batch mean: each sample's code gets 1/N of that gradient", () => {
    manualSeed(2);
    const codes = leaf(rand([8, 3], { low: 0.1, high: 0.9 }));
    const [g] = grad(sparsityPenalty(codes, rho, beta), [codes]);
    const rhoHat = codes.detach().mean(0).values;
    const perUnit = Array.from(rhoHat, (r) => (beta * (-rho / r + (1 - rho) / (1 - r))) / 8);
    assertClose(g, Array.from({ length: 8 }, () => perUnit).flat(), { rtol: 1e-9 });
  });

  it("is zero exactly when every unit's mean activation is ρ", () => {
    assertClose(sparsityPenalty(tensor([[0.04, 0.05], [0.06, 0.05]]), rho, beta), 0, { atol: 1e-6 });
    assert.ok(sparsityPenalty(tensor([[0.5, 0.05]]), rho, beta).itemSync() > 1);
  });
});

describe("contractive penalty λ‖∂h/∂x‖²_F", () => {
  it("passes a finite-difference gradient check with respect to the codes and the weights", () => {
    manualSeed(3);
    for (const activation of ["sigmoid", "tanh"] as const) {
      const codes = rand([5, 4], { low: 0.1, high: 0.9 });
      const weight = randn([4, 6]);
      assert.equal(gradcheck((h, w) => contractivePenalty(h, w, 0.7, activation), [codes, weight]), true);
    }
  });

  it("equals the squared norm of the Jacobian computed by autograd row by row (mean over samples)", () => {
    manualSeed(4);
    for (const activation of ["sigmoid", "tanh", "relu"] as const) {
      const model = new Autoencoder(5, 3, { activation, output: "linear" });
      const x = randn([2, 5]);
      let total = 0;
      for (let n = 0; n < 2; n++) {
        for (let j = 0; j < 3; j++) {
          const input = x.detach().requiresGrad_(true);
          const pick = zeros([2, 3]);
          pick.values[n * 3 + j] = 1;
          const [row] = grad(model.encode(input), [input], { gradOutput: pick });
          total += row.square().sum().itemSync();
        }
      }
      const penalty = contractivePenalty(model.encode(x), model.encoder.weight, 1, activation);
      assertClose(penalty, total / 2, { rtol: 1e-5, message: activation });
    }
  });

  it("passes a gradient check through a sigmoid encoder, to the input and the encoder's weights", () => {
    manualSeed(5);
    const x = randn([3, 4]);
    const weight = randn([2, 4]);
    const bias = randn([2]);
    const penalty = (xs: Tensor, w: Tensor, b: Tensor) => contractivePenalty(xs.matmul(w.T).add(b).sigmoid(), w, 0.5);
    assert.equal(gradcheck(penalty, [x, weight, bias]), true);
  });
});

describe("reconstruction errors", () => {
  const logits = tensor([[0.3, -1.2, 2.0], [0, 0.5, -0.5]]);
  const target = tensor([[1, 0, 0.5], [0.2, 1, 0]]);
  const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

  it("squared error and binary cross-entropy per sample, as their formulas", () => {
    const rows = [0, 1].map((n) => [0, 1, 2].map((i) => [sigmoid(logits.values[n * 3 + i]), target.values[n * 3 + i]]));
    const mse = rows.map((r) => r.reduce((s, [p, t]) => s + (p - t) ** 2, 0));
    const bce = rows.map((r) => r.reduce((s, [p, t]) => s - t * Math.log(p) - (1 - t) * Math.log(1 - p), 0));
    assertClose(reconstructionError(logits, target, "mse", "sigmoid"), mse, { rtol: 1e-5 });
    assertClose(reconstructionError(logits, target, "bce", "sigmoid"), bce, { rtol: 1e-5 });
  });

  it("pass finite-difference gradient checks", () => {
    for (const [loss, output] of [["mse", "sigmoid"], ["mse", "linear"], ["bce", "sigmoid"]] as const) {
      assert.equal(gradcheck((l) => reconstructionError(l, target.double(), loss, output), [logits]), true);
    }
  });
});
