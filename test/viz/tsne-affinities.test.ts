/** t-SNE's input affinities: perplexity search, joint P against scikit-learn's, nearest neighbours. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../src/tensor/index.js";
import { exactJointProbabilities, sparseJointProbabilities, type SparseAffinities } from "../../src/viz/tsne-affinities.js";
import { nearestNeighbors } from "../../src/viz/tsne-neighbors.js";
import { fitPerplexity } from "../../src/viz/tsne-perplexity.js";
import { assertClose } from "../helpers.js";
import { loadFixture, pointsOf, type AffinitiesFixture, type ClustersFixture } from "./tsne-fixture.js";

const { exact: tiny, sparse } = loadFixture<AffinitiesFixture>("affinities.json");
const clusters = pointsOf(loadFixture<ClustersFixture>("clusters.json"));

function entropy(p: Float64Array): number {
  return p.reduce((h, v) => (v > 0 ? h - v * Math.log(v) : h), 0);
}

function squaredDistancesFrom({ values, n, d }: { values: Float64Array; n: number; d: number }, i: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) out[j] += (values[i * d + c] - values[j * d + c]) ** 2;
  return out;
}

function denseOf({ rowStart, columns, values }: SparseAffinities, n: number): Float64Array {
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let s = rowStart[i]; s < rowStart[i + 1]; s++) dense[i * n + columns[s]] += values[s];
  return dense;
}

describe("t-SNE affinities", () => {
  it("fits every point's Gaussian to the perplexity: entropy log(perplexity) ± 1e-5 nats", () => {
    for (const perplexity of [5, 30, 100]) {
      for (const i of [0, 57, 150, 299]) {
        const others = squaredDistancesFrom(clusters, i).filter((_, j) => j !== i);
        const p = new Float64Array(others.length);
        fitPerplexity(others, 0, others.length, perplexity, p);
        assertClose(p.reduce((a, b) => a + b), 1, { rtol: 0, atol: 1e-12 });
        assert.ok(Math.abs(entropy(p) - Math.log(perplexity)) <= 1e-5, `point ${i}, perplexity ${perplexity}: entropy ${entropy(p)} vs ${Math.log(perplexity)}`);
      }
    }
  });

  it("finds the Gaussian even when every distance is in the thousands (exp(−d) underflows at β = 1)", () => {
    const far = Float64Array.from({ length: 40 }, (_, j) => 5000 + 37 * j);
    const p = new Float64Array(40);
    fitPerplexity(far, 0, 40, 10, p);
    assert.ok(Math.abs(entropy(p) - Math.log(10)) <= 1e-5, `entropy ${entropy(p)}`);
  });

  it("matches scikit-learn's conditional p_{j|i} and symmetrised joint P on a tiny set", () => {
    const points = pointsOf(tiny);
    const n = points.n;
    for (let i = 0; i < n; i++) {
      const others = squaredDistancesFrom(points, i).filter((_, j) => j !== i);
      const p = new Float64Array(n - 1);
      fitPerplexity(others, 0, n - 1, tiny.perplexity, p);
      const expected = tiny.conditional.slice(i * n, (i + 1) * n).filter((_, j) => j !== i);
      assertClose(p, expected, { rtol: 1e-4, atol: 1e-7, message: `row ${i}` });
    }
    const joint = exactJointProbabilities(points, tiny.perplexity);
    assertClose(joint, tiny.jointCondensed, { rtol: 1e-4, atol: 1e-8 });
    // Condensed (each pair once), so half the full matrix's total.
    assertClose(joint.reduce((a, b) => a + b), 0.5, { rtol: 1e-12 });
  });

  it("matches scikit-learn's sparse P of the ⌊3·perplexity + 1⌋ nearest neighbours (Barnes–Hut)", () => {
    const points = pointsOf(sparse);
    const p = sparseJointProbabilities(points, sparse.perplexity);
    const dense = denseOf(p, points.n);
    assertClose(dense, sparse.joint, { rtol: 1e-4, atol: 1e-8 });
    // Symmetric, one entry per pair and row, no diagonal.
    for (let i = 0; i < points.n; i++) {
      assert.equal(dense[i * points.n + i], 0);
      const row = [...p.columns.subarray(p.rowStart[i], p.rowStart[i + 1])];
      assert.equal(new Set(row).size, row.length, `row ${i} lists a column twice`);
    }
  });

  it("finds the same k nearest neighbours as sorting all distances", () => {
    const random = new Generator(3);
    const n = 60;
    const d = 5;
    const points = { values: Float64Array.from({ length: n * d }, () => random.normal()), n, d };
    const k = 7;
    const { indices, distances } = nearestNeighbors(points, k);
    for (let i = 0; i < n; i++) {
      const all = squaredDistancesFrom(points, i);
      const expected = [...all.keys()].filter((j) => j !== i).sort((a, b) => all[a] - all[b]).slice(0, k);
      const found = [...indices.subarray(i * k, (i + 1) * k)];
      assert.deepEqual([...found].sort((a, b) => a - b), [...expected].sort((a, b) => a - b), `neighbours of ${i}`);
      assertClose(distances.subarray(i * k, (i + 1) * k), found.map((j) => all[j]), { rtol: 1e-12 });
    }
    assert.throws(() => nearestNeighbors(points, n), /k must be an integer in \[1, 59\] for 60 points, got 60/);
  });
});
