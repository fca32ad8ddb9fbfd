import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eye, Generator, randn, tensor } from "../../src/index.js";
import { SparseCoding, largestEigenvalue } from "../../src/unsupervised/sparse-coding/index.js";
import { assertClose } from "../helpers.js";
import { loadFixture, type LassoFixture } from "./sparse-coding-fixture.js";

const fixture = loadFixture<LassoFixture>("lasso.json");
const coder = SparseCoding.fromDictionary(tensor(fixture.dictionary), fixture.lambda);
const signals = tensor(fixture.signals);

describe("sparse coding inference", () => {
  it("FISTA, ISTA and CoD all reach scikit-learn's lasso_cd codes (λ = sparse_encode's alpha under the ½ convention)", () => {
    assertClose(coder.infer(signals, { method: "fista", iterations: 1000 }), fixture.codes.flat(), { atol: 2e-4 });
    assertClose(coder.infer(signals, { method: "ista", iterations: 5000 }), fixture.codes.flat(), { atol: 2e-4 });
    // CoD updates B incrementally, so float32 rounding accumulates: max error 8e-5 after 1000 steps, 2.6e-4 after 3000
    assertClose(coder.cod(signals, 1000), fixture.codes.flat(), { atol: 2e-4 });
  });

  it("ISTA's energy never rises, and FISTA gets lower sooner", () => {
    const energies: number[] = [];
    coder.infer(signals, { method: "ista", iterations: 100, onIteration: (_, z) => energies.push(coder.energy(signals, z).sum().itemSync()) });
    energies.forEach((e, i) => i > 0 && assert.ok(e <= energies[i - 1] + 1e-5, `ISTA energy rose at iteration ${i + 1}: ${energies[i - 1]} → ${e}`));
    const optimum = coder.energy(signals, tensor(fixture.codes)).sum().itemSync();
    const fistaAt20 = coder.energy(signals, coder.infer(signals, { iterations: 20 })).sum().itemSync();
    assert.ok(fistaAt20 - optimum < (energies[19] - optimum) / 5, `after 20 steps FISTA is ${fistaAt20 - optimum} above the optimum, ISTA ${energies[19] - optimum}`);
  });

  it("power iteration finds λ_max(W_dᵀW_d) (here from the 8×8 Gram matrix, whose eigenvalues are the same)", () => {
    const w = coder.weight;
    const L = largestEigenvalue(coder.operatorFor(signals));
    // closed form check: L is the largest λ with W_d W_dᵀ − λI singular; compare to power iteration on the small Gram
    const gram = w.T.matmul(w);
    let v = randn([8, 1], { generator: new Generator(1) });
    for (let i = 0; i < 2000; i++) v = gram.matmul(v).div(gram.matmul(v).square().sum().sqrt());
    const rayleigh = v.T.matmul(gram).matmul(v).itemSync();
    assertClose(L, rayleigh, { rtol: 1e-5 });
    // and it is the step bound: W_dᵀW_d − L·I has no positive eigenvalue along the top direction
    assert.ok(L > 1 && L < 12 + 1e-6);
    assert.ok(gram.sub(eye(8).mul(L)).matmul(v).abs().max().itemSync() < 1e-3);
  });

  it("energy is ½‖y − W_d z‖² + λ‖z‖₁ per sample", () => {
    const z = randn([5, 12], { generator: new Generator(2) });
    const expected = fixture.signals.map((y, n) => {
      const zn = Array.from(z.values.subarray(12 * n, 12 * n + 12));
      const recon = y.map((_, j) => zn.reduce((s, c, k) => s + c * fixture.dictionary[k][j], 0));
      return 0.5 * y.reduce((s, v, j) => s + (v - recon[j]) ** 2, 0) + fixture.lambda * zn.reduce((s, c) => s + Math.abs(c), 0);
    });
    assertClose(coder.energy(signals, z), expected, { rtol: 1e-4 });
  });

  it("rejects λ < 0, an empty dictionary, NaN data and mismatched features by name", () => {
    assert.throws(() => new SparseCoding(8, 4, { lambda: -0.1 }), /SparseCoding: lambda \(the sparsity weight\) must be a finite number ≥ 0, got -0.1/);
    assert.throws(() => new SparseCoding(8, 0), /dictionary is empty or ill-sized: features = 8 and codeSize = 0/);
    assert.throws(() => SparseCoding.fromDictionary(tensor([[]])), /dictionary is empty/);
    const bad = signals.add(0);
    bad.values[3] = NaN;
    assert.throws(() => coder.infer(bad), /SparseCoding: y holds NaN at element 3 \(sample 0\)/);
    assert.throws(() => coder.infer(signals.narrow(1, 0, 7)), /y has 7 features per sample, the dictionary's atoms 8/);
    assert.throws(() => coder.cod(signals, -1), /steps must be a non-negative integer, got -1/);
  });
});
