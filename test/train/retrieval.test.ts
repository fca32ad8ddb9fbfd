/** Cosine retrieval (precision@k and mAP against scikit-learn) and CNN codes taken at a layer path. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { manualSeed, randn, tensor } from "../../src/index.js";
import { lenet5 } from "../../src/models/index.js";
import { cosineRetrieval } from "../../src/train/index.js";
import { captureActivations, extractFeatures } from "../../src/viz/index.js";
import { assertClose } from "../helpers.js";

interface Case {
  queries: number[][];
  queryLabels: number[];
  gallery?: number[][];
  galleryLabels?: number[];
  precisionAtK: number;
  meanAveragePrecision: number;
  precision: number[];
  averagePrecision: number[];
}

// made by test/fixtures/fixtures_retrieval.py with scikit-learn's average_precision_score
const fixture = JSON.parse(readFileSync(new URL("../../../test/fixtures/retrieval/retrieval.json", import.meta.url), "utf8")) as { k: number } & Record<"gallery" | "leave-one-out" | "ties", Case>;

function run(c: Case) {
  const gallery = c.gallery ? { features: tensor(c.gallery), labels: c.galleryLabels! } : undefined;
  return cosineRetrieval({ features: tensor(c.queries), labels: c.queryLabels }, { gallery, k: fixture.k });
}

describe("cosineRetrieval", () => {
  for (const name of ["gallery", "leave-one-out", "ties"] as const) {
    it(`matches scikit-learn's average precision and precision@10 per query (${name})`, () => {
      const c = fixture[name];
      const result = run(c);
      assertClose(result.averagePrecision, c.averagePrecision, { rtol: 1e-6, atol: 1e-9 });
      assertClose(result.meanAveragePrecision, c.meanAveragePrecision, { rtol: 1e-6 });
      assertClose(result.precisionAtK, c.precisionAtK, { rtol: 1e-6 });
    });
  }

  it("returns each query's nearest neighbours by cosine, most similar first, never the query itself when leaving one out", () => {
    const features = tensor([[1, 0], [2, 0.1], [0, 1], [-1, 0], [1, 1]]);
    const { neighbours, precisionAtK } = cosineRetrieval({ features, labels: [0, 0, 1, 1, 0] }, { k: 2 });
    // item 2's cosines: 0, 0.05, 0, 0.71 → 4 then 1; item 3's: −1, −0.999, 0, −0.71 → 2 then 4;
    // item 4's: 0.71 (to 0 and to 2, a tie, to the lower index), 0.74, −0.71 → 1 then 0
    assert.deepEqual([...neighbours], [1, 4, 0, 4, 4, 1, 2, 4, 1, 0]);
    // shares of the two nearest with the query's label: 1, 1, 0, ½, 1
    assertClose(precisionAtK, 0.7, { rtol: 1e-9 });
  });

  it("refuses k beyond the gallery, features of different lengths, and labels that do not match", () => {
    const q = { features: randn([3, 4]), labels: [0, 1, 0] };
    assert.throws(() => cosineRetrieval(q, { k: 3 }), /k must be an integer from 1 to the gallery's size 2 \(the other queries\), got 3/);
    assert.throws(() => cosineRetrieval(q, { gallery: { features: randn([5, 4]), labels: [0, 1, 0, 1, 1] }, k: 6 }), /k must be an integer from 1 to the gallery's size 5, got 6/);
    assert.throws(() => cosineRetrieval(q, { gallery: { features: randn([5, 3]), labels: [0, 1, 0, 1, 1] } }), /queries have 4 features but the gallery items 3/);
    assert.throws(() => cosineRetrieval({ features: randn([3, 4]), labels: [0, 1] }), /3 query rows but 2 labels/);
  });
});

describe("extractFeatures", () => {
  it("is the layer's output flattened per sample, the same batch by batch as at once", () => {
    manualSeed(7);
    const net = lenet5();
    const x = randn([7, 1, 28, 28]);
    const codes = extractFeatures(net, x, "5", { batchSize: 3 });
    assert.deepEqual([...codes.shape], [7, 400]);
    assertClose(codes, captureActivations(net, x, ["5"]).activations.get("5")!, { rtol: 1e-5, atol: 1e-6 });
    assertClose(extractFeatures(net, x, "10"), captureActivations(net, x, ["10"]).activations.get("10")!, { rtol: 1e-5, atol: 1e-6 });
    assert.equal(codes.requiresGrad, false);
  });

  it("names the layers there are when the path is not one of them", () => {
    assert.throws(() => extractFeatures(lenet5(), randn([1, 1, 28, 28]), "features.3"), (e: Error) => e instanceof RangeError && /extractFeatures: Sequential has no layer "features.3"; its layers are: 0 \(Conv2d\), 1 \(ReLU\), .* 11 \(Linear\)/.test(e.message));
  });
});
