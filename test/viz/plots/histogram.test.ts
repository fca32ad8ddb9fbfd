import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../../src/index.js";
import { histogram, histogramBins, histogramGrid } from "../../../src/viz/plots/index.js";
import { assertNear, assertWellFormed, axisMap, elements, num } from "./svg-check.js";

const g = new Generator(5);
const values = Array.from({ length: 500 }, () => 2 + 0.5 * g.normal());

describe("histogram", () => {
  it("draws one bar per bin, from min to max, heights proportional to the counts", () => {
    const svg = histogram(values, { title: "weights", xLabel: "value" });
    assertWellFormed(svg);
    const { edges, counts } = histogramBins(values);
    const bars = elements(svg, "rect", "bar");
    assert.equal(bars.length, counts.length);
    const x = axisMap(svg, "x");
    const y = axisMap(svg, "y");
    assertNear(num(bars[0], "x"), x(Math.min(...values)), "the first bar starts at the minimum");
    const lastBar = bars[bars.length - 1];
    assertNear(num(lastBar, "x") + num(lastBar, "width"), x(Math.max(...values)), "the last bar ends at the maximum");
    bars.forEach((bar, i) => {
      assertNear(num(bar, "height"), y(0) - y(counts[i]), `bar ${i}'s height is its count (${counts[i]}) on the y axis`, 0.1);
      assertNear(num(bar, "y") + num(bar, "height"), y(0), `bar ${i} stands on zero`);
      assertNear(num(bar, "x"), x(edges[i]), `bar ${i} starts at its edge`);
    });
  });

  it("draws a density whose bars have area 1", () => {
    const svg = histogram(values, { density: true, bins: 12 });
    const x = axisMap(svg, "x");
    const y = axisMap(svg, "y");
    const pixelsPerUnitX = x(1) - x(0);
    const pixelsPerUnitY = y(0) - y(1);
    const area = elements(svg, "rect", "bar").reduce((sum, bar) => sum + (num(bar, "width") / pixelsPerUnitX) * (num(bar, "height") / pixelsPerUnitY), 0);
    assertNear(area, 1, "total area", 0.01);
    assert.ok(elements(svg, "text", "y-label").some((t) => t.text === "density"));
  });

  it("says how many values fell outside given edges", () => {
    const svg = histogram([0.5, 1.5, 7, 8], { bins: [0, 1, 2] });
    assert.equal(elements(svg, "text", "subtitle")[0].text, "2 values outside the bins are not shown");
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => histogram([]), /values is empty/);
    assert.throws(() => histogram([1, Infinity]), /values\[1\] is Infinity/);
  });
});

describe("histogramGrid", () => {
  const layers = [1, 0.5, 0.1].map((scale, i) => ({ title: `layer ${i + 1}`, values: Float32Array.from(values, (v) => scale * (v - 2)) }));

  it("draws a titled panel per layer with its mean and sd, on shared bins", () => {
    const svg = histogramGrid(layers, { title: "activations", xLabel: "activation" });
    assertWellFormed(svg);
    assert.equal(svg.match(/<g class="panel"/g)?.length, 3);
    assert.deepEqual(elements(svg, "text", "title").map((t) => t.text), ["activations", "layer 1", "layer 2", "layer 3"]);
    const shared = histogramBins(Float32Array.from(layers.flatMap((l) => [...l.values])));
    assert.equal(elements(svg, "rect", "bar").length, 3 * shared.counts.length, "every panel has the pooled bins");
    // Mean and sd to the same decimals, three significant ones of the sd.
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    const subtitles = elements(svg, "text", "subtitle").map((t) => t.text);
    assert.equal(subtitles[0], `mean ${(mean - 2).toFixed(3).replace("-", "−")} · sd ${sd.toFixed(3)}`);
    assert.equal(subtitles[2], `mean ${(0.1 * (mean - 2)).toFixed(4).replace("-", "−")} · sd ${(0.1 * sd).toFixed(4)}`);
  });

  it("bins each panel on its own without shareX", () => {
    const svg = histogramGrid(layers, { shareX: false, bins: 7 });
    assert.equal(elements(svg, "rect", "bar").length, 21);
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => histogramGrid([]), /histogramGrid: panels is empty/);
    assert.throws(() => histogramGrid(layers, { columns: 0 }), /options.columns must be a positive integer, got 0/);
  });
});
