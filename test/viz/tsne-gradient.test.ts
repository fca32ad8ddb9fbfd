/** t-SNE's gradients: exact against scikit-learn and finite differences, Barnes–Hut against exact. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../src/tensor/index.js";
import { exactJointProbabilities, type SparseAffinities } from "../../src/viz/tsne-affinities.js";
import { barnesHutObjective } from "../../src/viz/tsne-barnes-hut.js";
import { exactObjective } from "../../src/viz/tsne-exact.js";
import type { Objective } from "../../src/viz/tsne-objective.js";
import { assertClose } from "../helpers.js";
import { loadFixture, pointsOf, type AffinitiesFixture, type ClustersFixture } from "./tsne-fixture.js";

const { exact: tiny } = loadFixture<AffinitiesFixture>("affinities.json");
const clusters = pointsOf(loadFixture<ClustersFixture>("clusters.json"));

function randomEmbedding(n: number, dims: number, scale: number, seed: number): Float64Array {
  const random = new Generator(seed);
  return Float64Array.from({ length: n * dims }, () => scale * random.normal());
}

function gradientOf(objective: Objective, y: Float64Array, exaggeration = 1): { grad: Float64Array; kl: number } {
  const grad = new Float64Array(y.length);
  const kl = objective(y, grad, exaggeration, true);
  return { grad, kl };
}

/** A condensed joint P (pairs i < j) as a full sparse matrix, so that Barnes–Hut sees exactly the exact method's P. */
function allPairs(joint: Float64Array, n: number): SparseAffinities {
  const rowStart = new Int32Array(n + 1);
  const columns = new Int32Array(n * (n - 1));
  const values = new Float64Array(n * (n - 1));
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const [a, b] = i < j ? [i, j] : [j, i];
      columns[s] = j;
      values[s++] = joint[a * n - (a * (a + 1)) / 2 + (b - a - 1)];
    }
    rowStart[i + 1] = s;
  }
  return { rowStart, columns, values };
}

const firstPoints = (n: number) => ({ values: clusters.values.subarray(0, n * clusters.d), n, d: clusters.d });

describe("t-SNE gradient", () => {
  it("gives scikit-learn's KL and gradient (_kl_divergence) for its P and a 2-D embedding", () => {
    const n = tiny.shape[0];
    const objective = exactObjective(Float64Array.from(tiny.jointCondensed), n, 2);
    const { grad, kl } = gradientOf(objective, Float64Array.from(tiny.embedding));
    assertClose(kl, tiny.kl, { rtol: 1e-6 });
    assertClose(grad, tiny.gradient, { rtol: 1e-5, atol: 1e-9 });
  });

  for (const dims of [1, 2, 3]) {
    it(`is the derivative of the exact KL (central differences, ${dims}-D embedding)`, () => {
      const points = firstPoints(12);
      const objective = exactObjective(exactJointProbabilities(points, 4), points.n, dims);
      const y = randomEmbedding(points.n, dims, 1, 7 + dims);
      const { grad } = gradientOf(objective, y);
      const h = 1e-6;
      const numeric = Array.from(y, (_, k) => {
        const shifted = Float64Array.from(y);
        shifted[k] = y[k] + h;
        const up = gradientOf(objective, shifted).kl;
        shifted[k] = y[k] - h;
        return (up - gradientOf(objective, shifted).kl) / (2 * h);
      });
      assertClose(grad, numeric, { rtol: 1e-5, atol: 1e-7 });
    });
  }

  for (const dims of [1, 2, 3]) {
    it(`Barnes–Hut with θ = 0 equals the exact gradient and KL when P is the same (${dims}-D)`, () => {
      const points = firstPoints(60);
      const joint = exactJointProbabilities(points, 10);
      const y = randomEmbedding(points.n, dims, 3, 20 + dims);
      const exact = gradientOf(exactObjective(joint, points.n, dims), y, 4);
      const barnesHut = gradientOf(barnesHutObjective(allPairs(joint, points.n), points.n, dims, 0), y, 4);
      assertClose(barnesHut.grad, exact.grad, { rtol: 1e-9, atol: 1e-14 });
      assertClose(barnesHut.kl, exact.kl, { rtol: 1e-9 });
    });
  }

  it("Barnes–Hut with θ = 0.5 stays within 3% of the exact gradient (200 points spread over a map)", () => {
    const points = firstPoints(200);
    const joint = exactJointProbabilities(points, 30);
    const y = randomEmbedding(points.n, 2, 10, 5);
    const exact = gradientOf(exactObjective(joint, points.n, 2), y).grad;
    const approximate = gradientOf(barnesHutObjective(allPairs(joint, points.n), points.n, 2, 0.5), y).grad;
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
    const error = norm(approximate.map((g, k) => g - exact[k])) / norm(exact);
    assert.ok(error > 0 && error < 0.03, `relative error ${error}`);
  });
});
