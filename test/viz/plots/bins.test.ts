import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../../src/index.js";
import { histogramBins, MAX_BINS } from "../../../src/viz/plots/index.js";

function normalSample(n: number, seed: number): number[] {
  const g = new Generator(seed);
  return Array.from({ length: n }, () => g.normal());
}

/** Counts by direct comparison with the edges, the last bin closed. */
function countDirectly(values: number[], edges: number[]): number[] {
  return edges.slice(0, -1).map((low, i) => values.filter((v) => v >= low && (i === edges.length - 2 ? v <= edges[i + 1] : v < edges[i + 1])).length);
}

describe("histogramBins", () => {
  it("covers min..max with Freedman–Diaconis bins whose counts sum to N", () => {
    const values = normalSample(1000, 1);
    const { edges, counts, outside } = histogramBins(values);
    assert.equal(edges[0], Math.min(...values));
    assert.equal(edges[edges.length - 1], Math.max(...values));
    assert.equal(counts.reduce((a, b) => a + b, 0), 1000);
    assert.equal(outside, 0);
    assert.deepEqual(counts, countDirectly(values, edges));
    // Freedman–Diaconis: width 2·IQR/∛n; a standard normal's IQR is 1.349, so about 0.27 here.
    const width = edges[1] - edges[0];
    assert.ok(width > 0.22 && width < 0.32, `bin width ${width}`);
  });

  it("uses Sturges' ⌈log₂ n⌉ + 1 bins when asked, or when the IQR is 0", () => {
    assert.equal(histogramBins(normalSample(1000, 2), "sturges").counts.length, 11);
    // ReLU-like: 80% zeros make the IQR 0, where Freedman–Diaconis has no width to give.
    const relu = normalSample(200, 3).map((v, i) => (i % 10 < 8 ? 0 : Math.abs(v)));
    const bins = histogramBins(relu);
    assert.equal(bins.counts.length, Math.ceil(Math.log2(200)) + 1);
    assert.equal(bins.counts[0], relu.filter((v) => v < bins.edges[1]).length);
  });

  it("takes a number of equal bins, and keeps heavy tails from asking for thousands", () => {
    const { edges, counts } = histogramBins([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    assert.deepEqual(edges, [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(counts, [2, 2, 2, 2, 3], "10 falls in the last, closed bin");
    const tailed = [...normalSample(1000, 4), 1e6];
    assert.equal(histogramBins(tailed).counts.length, MAX_BINS);
  });

  it("counts into given edges and reports the values outside them", () => {
    const { counts, outside } = histogramBins([-5, 0, 0.5, 1, 1.5, 2, 9], [0, 1, 2]);
    assert.deepEqual(counts, [2, 3]);
    assert.equal(outside, 2);
  });

  it("gives equal values one bin a unit wide, unless asked for more", () => {
    assert.deepEqual(histogramBins([3, 3, 3]), { edges: [2.5, 3.5], counts: [3], outside: 0 });
    assert.deepEqual(histogramBins([3, 3, 3], 2), { edges: [2.5, 3, 3.5], counts: [0, 3], outside: 0 });
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => histogramBins([]), /histogramBins: values is empty/);
    assert.throws(() => histogramBins([1, NaN]), /values\[1\] is NaN; expected a finite number/);
    assert.throws(() => histogramBins([1, 2], 0), /a number of bins must be a positive integer, got 0/);
    assert.throws(() => histogramBins([1, 2], [0]), /at least 2 numbers/);
    assert.throws(() => histogramBins([1, 2], [0, 2, 1]), /edge 2 \(1\) is not above edge 1 \(2\)/);
    assert.throws(() => histogramBins([1, 2], "scott" as "sturges"), /unknown bin rule "scott"/);
  });
});
