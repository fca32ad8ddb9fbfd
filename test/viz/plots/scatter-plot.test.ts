import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { categoricalColors, scatterPlot } from "../../../src/viz/plots/index.js";
import { assertNear, assertWellFormed, axisMap, elements, num } from "./svg-check.js";

const points = [[0, 0], [10, 5], [-3, 8], [4, -6], [7, 7], [-8, -2]];
const labels = [0, 1, 2, 0, 1, 2];

describe("scatterPlot", () => {
  it("puts each point where its axes say, in its class's colour", () => {
    const svg = scatterPlot(points, labels, { title: "embedding", classNames: ["cat", "dog", "bird"] });
    assertWellFormed(svg);
    const x = axisMap(svg, "x");
    const y = axisMap(svg, "y");
    const colors = categoricalColors(3);
    const groups = elements(svg, "g", "class");
    assert.equal(groups.length, 3);
    groups.forEach((group, c) => {
      assert.equal(group.attrs.fill, colors[c]);
      const dots = elements(group.text, "circle");
      const members = points.filter((_, i) => labels[i] === c);
      assert.equal(dots.length, members.length, `class ${c}'s dots`);
      dots.forEach((dot, j) => {
        assertNear(num(dot, "cx"), x(members[j][0]), `class ${c} point ${j} x`);
        assertNear(num(dot, "cy"), y(members[j][1]), `class ${c} point ${j} y`);
      });
    });
    const legend = elements(svg, "g", "legend")[0];
    assert.deepEqual(elements(legend.text, "text").map((t) => t.text), ["cat", "dog", "bird"]);
  });

  it("reads a flat Float32Array of x, y pairs as the same points", () => {
    const flat = Float32Array.from(points.flat());
    assert.equal(scatterPlot(flat, labels), scatterPlot(points, labels));
  });

  it("draws unlabelled points in one colour without a legend", () => {
    const svg = scatterPlot(points);
    assert.equal(elements(svg, "circle").length, points.length);
    assert.equal(elements(svg, "g", "class").length, 1);
    assert.equal(elements(svg, "g", "legend")[0].text, "");
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => scatterPlot([]), /scatterPlot: points is empty/);
    assert.throws(() => scatterPlot(new Float32Array(5)), /an even length\), got 5 numbers/);
    assert.throws(() => scatterPlot([[1, 2, 3]]), /points\[0\] has 3 coordinates; expected 2/);
    assert.throws(() => scatterPlot([[1, 2], [NaN, 0]]), /point 1's x is NaN; expected a finite number/);
    assert.throws(() => scatterPlot(points, [0, 1]), /2 labels for 6 points/);
    assert.throws(() => scatterPlot(points, [0, 1, 2, 0, 1.5, 2]), /labels\[4\] is 1.5; class labels must be non-negative integers/);
    assert.throws(() => scatterPlot(points, labels, { classNames: ["cat"] }), /classNames has 1 names for 3 classes/);
  });
});
