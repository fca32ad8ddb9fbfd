/** k-means against scikit-learn 1.2 (test/fixtures/fixtures_kmeans.py), its energy view, k-means++ and its errors. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { tensor } from "../../../src/index.js";
import { kmeans, KMeans, kmeansPlusPlus, lloydStep, TriangleEncoding, triangleFeatures } from "../../../src/unsupervised/kmeans/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertClose } from "../../helpers.js";

interface Run {
  centroids: number[][];
  inertia: number;
  labels: number[];
  iterations: number;
}
interface Fixture {
  x: number[][];
  init: number[][];
  full: Run;
  oneIteration: Run;
  twoIterations: Run;
  triangle: number[][];
}
const fixture = JSON.parse(readFileSync(new URL("../../../../test/fixtures/kmeans/blobs.json", import.meta.url), "utf8")) as Fixture;
const x = tensor(fixture.x);
const init = tensor(fixture.init);

describe("kmeans against scikit-learn's KMeans (same explicit init)", () => {
  for (const [name, maxIterations] of [["full", 300], ["oneIteration", 1], ["twoIterations", 2]] as const) {
    it(`${name}: the same centroids, inertia, labels and iteration count`, () => {
      const expected = fixture[name];
      const result = kmeans(x, 5, { init, maxIterations });
      assertClose(result.model.centroids, expected.centroids.flat(), { rtol: 1e-4, atol: 1e-4, message: "centroids" });
      assertClose(result.inertia, expected.inertia, { rtol: 1e-5, message: "inertia" });
      assert.deepEqual(Array.from(result.labels.values), expected.labels);
      assert.equal(result.iterations, expected.iterations);
    });
  }

  it("the triangle features of Coates & Ng, as numpy computes them from KMeans.transform", () => {
    const { model } = kmeans(x, 5, { init });
    assertClose(triangleFeatures(model, x.narrow(0, 0, 8)), fixture.triangle.flat(), { rtol: 1e-4, atol: 1e-4 });
    const layer = new TriangleEncoding(model.centroids);
    assertClose(layer.forward(x.narrow(0, 0, 8)), fixture.triangle.flat(), { rtol: 1e-4, atol: 1e-4 });
    assert.deepEqual([...layer.stateDict().keys()], ["centroids"]);
  });
});

describe("k-means as an energy model", () => {
  const { model } = kmeans(x, 5, { init });
  const y = x.narrow(0, 0, 20);
  const distances = model.distances(y);

  it("infers the one-hot code of the nearest centroid, whose energy is the smallest distance", () => {
    const z = model.infer(y);
    assert.deepEqual(Array.from(z.sum(1).values), new Array(20).fill(1));
    assertClose(model.energy(y, z), distances.min(1), { rtol: 1e-4, atol: 1e-3 });
    assert.deepEqual(model.energyShaping, ["k-means"]);
  });

  it("has the free energy −(1/β) log Σ_k exp(−β‖y − c_k‖²), tending to min_k as β → ∞", () => {
    const beta = 0.05;
    const expected = Array.from({ length: 20 }, (_, n) => {
      const row = Array.from(distances.values.subarray(n * 5, n * 5 + 5));
      const low = Math.min(...row);
      return low - Math.log(row.reduce((s, d) => s + Math.exp(-beta * (d - low)), 0)) / beta;
    });
    assertClose(model.freeEnergy(y, beta), expected, { rtol: 1e-4, atol: 1e-3 });
    assertClose(model.freeEnergy(y, Infinity), distances.min(1), { rtol: 1e-6 });
  });
});

describe("k-means++ and Lloyd's step", () => {
  // four tight clusters far apart: D² seeding should put one centroid in each
  const corners = [[0, 0], [100, 0], [0, 100], [100, 100]];
  const points = tensor(Array.from({ length: 40 }, (_, i) => corners[i % 4].map((c, j) => c + ((i * 7 + j * 3) % 5) * 0.1)));

  it("draws rows of the data, one per well-separated cluster, the same for the same seed", () => {
    const seeds = kmeansPlusPlus(points, 4, new Generator(11));
    const clusters = new Set(Array.from({ length: 4 }, (_, k) => `${Math.round(seeds.values[2 * k] / 100)},${Math.round(seeds.values[2 * k + 1] / 100)}`));
    assert.equal(clusters.size, 4);
    assert.deepEqual(Array.from(kmeansPlusPlus(points, 4, new Generator(11)).values), Array.from(seeds.values));
    const { inertia } = kmeans(points, 4, { seed: 11 });
    assert.ok(inertia < 40 * 0.5, `inertia ${inertia} should be that of tight clusters`);
  });

  it("leaves a centroid that no sample chose where it was", () => {
    const start = tensor([[0, 0], [100, 0], [0, 100], [100, 100], [1e4, 1e4]]);
    const step = lloydStep(points, start);
    assert.deepEqual(Array.from(step.centroids.values.subarray(8)), [1e4, 1e4]);
  });
});

describe("k-means errors name the argument", () => {
  it("k larger than the number of samples, k < 1, k not an integer", () => {
    assert.throws(() => kmeans(x.narrow(0, 0, 3), 4), /k = 4 is larger than the number of samples \(3\)/);
    assert.throws(() => kmeans(x, 0), /k \(the number of centroids\) must be a positive integer, got 0/);
    assert.throws(() => kmeans(x, 2.5), /k \(the number of centroids\) must be a positive integer, got 2.5/);
  });

  it("NaN in the data, empty data, a sample of the wrong width", () => {
    assert.throws(() => kmeans(tensor([[1, 2], [NaN, 0], [3, 4]]), 2), /kmeans: x holds a non-finite value \(NaN\) at sample 1, feature 0/);
    assert.throws(() => kmeans(tensor([[]]).reshape([0, 2]), 1), /kmeans: x must hold at least one sample/);
    const model = new KMeans(init);
    assert.throws(() => model.predict(tensor([[1, 2, 3]])), /KMeans.predict: y has 3 features per sample .*the model expects 6/);
  });
});
