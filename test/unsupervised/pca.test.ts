import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor, randn, Generator } from "../../src/index.js";
import { PCA, ZcaWhitening, symmetricEigen } from "../../src/unsupervised/pca/index.js";
import { greyPatches } from "../../src/data/natural-images.js";
import { assertClose } from "../helpers.js";
import { loadFixture, type PcaFixture } from "./sparse-coding-fixture.js";

describe("symmetricEigen", () => {
  it("diagonalises a symmetric matrix: A v = λ v for each pair, values sorted, vectors orthonormal", () => {
    const a = [4, 1, -2, 1, 3, 0.5, -2, 0.5, 1];
    const { values, vectors } = symmetricEigen(a, 3);
    assert.ok(values[0] >= values[1] && values[1] >= values[2]);
    for (let k = 0; k < 3; k++) {
      const v = vectors.subarray(3 * k, 3 * k + 3);
      const av = [0, 1, 2].map((i) => a[3 * i] * v[0] + a[3 * i + 1] * v[1] + a[3 * i + 2] * v[2]);
      assertClose(av, Array.from(v, (x) => x * values[k]), { atol: 1e-12 });
      for (let j = 0; j < 3; j++) {
        const dot = v[0] * vectors[3 * j] + v[1] * vectors[3 * j + 1] + v[2] * vectors[3 * j + 2];
        assertClose(dot, j === k ? 1 : 0, { atol: 1e-12 });
      }
    }
    // trace and determinant are kept
    assertClose(values[0] + values[1] + values[2], 8, { atol: 1e-12 });
  });
});

describe("PCA", () => {
  const fixture = loadFixture<PcaFixture>("pca.json");
  const x = tensor(fixture.x);

  it("matches scikit-learn's explained variances and axes (up to sign)", () => {
    const pca = PCA.fit(x, 4);
    assertClose(pca.explainedVariance, fixture.explainedVariance, { rtol: 1e-4 });
    fixture.components.forEach((axis, k) => {
      const ours = Array.from(pca.components.values.subarray(6 * k, 6 * k + 6));
      const sign = Math.sign(ours.reduce((s, v, i) => s + v * axis[i], 0));
      assertClose(ours.map((v) => v * sign), axis, { atol: 1e-4 });
    });
  });

  it("is an energy model whose energy is the reconstruction error off the top-k subspace, zero with every axis", () => {
    const top2 = PCA.fit(x, 2);
    assert.deepEqual(top2.energyShaping, ["pca-bottleneck"]);
    const e2 = top2.energy(x, top2.infer(x)).mean().itemSync();
    // the mean squared residual is the variance left in the dropped axes, times (N − 1)/N
    const all = PCA.fit(x, 6);
    const dropped = Array.from(all.explainedVariance.values.subarray(2)).reduce((s, v) => s + v, 0);
    assertClose(e2, (dropped * 199) / 200, { rtol: 1e-3 });
    assertClose(all.energy(x, all.infer(x)).max().itemSync(), 0, { atol: 1e-3 });
    // Z* is the minimiser: moving the code raises the energy
    const z = top2.infer(x);
    assert.ok(top2.energy(x, z.add(0.1)).mean().itemSync() > e2);
  });

  it("names the argument: too many components, NaN data", () => {
    assert.throws(() => PCA.fit(x.narrow(0, 0, 3), 4), /components must be an integer from 1 to min\(samples, features\) = 3, got 4/);
    const bad = x.narrow(0, 0, 10).add(0);
    bad.values[7] = NaN;
    assert.throws(() => PCA.fit(bad), /PCA.fit: x holds NaN at element 7 \(sample 1\)/);
  });
});

describe("ZcaWhitening", () => {
  it("makes the covariance of natural patches the identity (ε = 0) and keeps it symmetric", () => {
    const patches = greyPatches(8, 2000, { seed: 1 });
    const zca = ZcaWhitening.fit(patches, 0);
    const w = zca.transform(patches);
    const cov = w.T.matmul(w).div(patches.shape[0] - 1);
    // the per-patch mean removal leaves one direction of zero variance: 63 of 64 eigenvalues are 1
    const { values } = symmetricEigen(cov.values, 64);
    assertClose(Array.from(values.subarray(0, 63)), new Array(63).fill(1), { atol: 2e-3 });
    assertClose(values[63], 0, { atol: 1e-3 });
    assertClose(zca.matrix, zca.matrix.T, { atol: 1e-5 });
  });

  it("with ε > 0 shrinks the low-variance directions: whitened variance λ/(λ + ε)", () => {
    const x = randn([500, 3], { generator: new Generator(3) }).mul(tensor([3, 1, 0.1]));
    const zca = ZcaWhitening.fit(x, 0.01);
    const w = zca.transform(x);
    const variances = w.var(0, { correction: 1 });
    const raw = x.var(0, { correction: 1 }).values;
    // the axes are (nearly) the coordinate axes, so each column's variance is λ/(λ + ε)
    assertClose(variances, Array.from(raw, (l) => l / (l + 0.01)), { rtol: 0.03 });
    assert.throws(() => ZcaWhitening.fit(x, -1), /epsilon must be non-negative, got -1/);
  });
});
