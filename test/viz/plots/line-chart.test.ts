import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lineChart, type LineSeries } from "../../../src/viz/plots/index.js";
import { assertNear, assertWellFormed, axisMap, elements, num, pathPieces, plotArea } from "./svg-check.js";

const rising: LineSeries = { name: "train", points: [[0, 0], [2, 3], [5, 6], [8, 7], [10, 10]] };
const flat: LineSeries = { name: "validation", points: [[0, 1], [5, 2], [10, 4]], dashed: true };

/** Each series' path vertices against the pixel positions the axes give for its points. */
function assertThroughPoints(svg: string, series: LineSeries[], log = false): void {
  const x = axisMap(svg, "x");
  const y = axisMap(svg, "y", { log });
  const paths = elements(svg, "path", "series");
  assert.equal(paths.length, series.length);
  series.forEach((s, i) => {
    const vertices = pathPieces(paths[i].attrs.d).flat();
    const present = s.points.filter(([, py]) => py !== null && Number.isFinite(py));
    assert.equal(vertices.length, present.length, `series ${s.name}: one vertex per present point`);
    present.forEach(([px, py], j) => {
      assertNear(vertices[j][0], x(px), `${s.name} point ${j} x`);
      assertNear(vertices[j][1], y(py as number), `${s.name} point ${j} y`);
    });
  });
}

describe("lineChart", () => {
  it("draws each series through the pixels its axes give, the maximum at the top of the plot area", () => {
    const svg = lineChart({ series: [rising, flat], title: "fit", xLabel: "epoch", yLabel: "loss" });
    assertWellFormed(svg);
    assertThroughPoints(svg, [rising, flat]);
    const area = plotArea(svg);
    const [top] = pathPieces(elements(svg, "path", "series")[0].attrs.d).flat().slice(-1);
    assertNear(top[1], area.top, "y = 10 (the maximum, a nice number) is the top edge");
    assertNear(top[0], area.right, "x = 10 is the right edge");
    const [origin] = pathPieces(elements(svg, "path", "series")[0].attrs.d)[0];
    assertNear(origin[0], area.left, "x = 0 is the left edge");
    assertNear(origin[1], area.bottom, "y = 0 is the bottom edge");
  });

  it("breaks the line at missing points and still shows an isolated point", () => {
    const gappy: LineSeries = { name: "loss", points: [[1, 5], [2, 4], [3, null], [4, 3], [5, NaN], [6, 2], [7, 1]] };
    const svg = lineChart({ series: [gappy], showPoints: false });
    const pieces = pathPieces(elements(svg, "path", "series")[0].attrs.d);
    assert.deepEqual(pieces.map((p) => p.length), [2, 1, 2], "three pieces: 1–2, 4 alone, 6–7");
    const y = axisMap(svg, "y");
    const dots = elements(svg, "circle");
    assert.equal(dots.length, 1, "only the isolated point gets a dot");
    assertNear(num(dots[0], "cy"), y(3), "the dot is the point at x = 4");
  });

  it("draws a dashed series in the colour it is given, and names both in the legend", () => {
    const svg = lineChart({ series: [{ ...rising, color: "#123456" }, { ...flat, color: "#123456" }] });
    const [solid, dashed] = elements(svg, "path", "series");
    assert.equal(solid.attrs.stroke, "#123456");
    assert.equal(dashed.attrs.stroke, "#123456");
    assert.equal(solid.attrs["stroke-dasharray"], undefined);
    assert.ok(dashed.attrs["stroke-dasharray"]);
    const legend = elements(svg, "g", "legend")[0].text;
    assert.match(legend, />train</);
    assert.match(legend, />validation</);
    assert.equal(elements(lineChart({ series: [rising] }), "g", "legend")[0].text, "", "one series needs no legend");
  });

  it("gives unnamed colours from the palette, distinct per series", () => {
    const svg = lineChart({ series: [rising, { ...flat, dashed: false }, { name: "third", points: [[0, 2], [10, 3]] }] });
    const strokes = elements(svg, "path", "series").map((p) => p.attrs.stroke);
    assert.equal(new Set(strokes).size, 3);
  });

  it("puts points on a log axis by their logarithm", () => {
    const decay: LineSeries = { name: "loss", points: [[1, 2.3], [2, 0.9], [3, 0.31], [4, 0.12], [5, 0.05]] };
    const svg = lineChart({ series: [decay], logY: true });
    assertWellFormed(svg);
    assertThroughPoints(svg, [decay], true);
    assert.ok(elements(svg, "text", "y-tick").some((t) => t.text === "0.1"), "log ticks are plain numbers, not SI prefixes (100m)");
  });

  it("draws a gap bracket from one series to the other at x, labelled, and a note in a corner", () => {
    const svg = lineChart({
      series: [rising, flat],
      annotations: [
        { kind: "gap", x: 10, from: "train", to: "validation", label: "6 points" },
        { kind: "gap", x: 2.5, from: "train", to: "validation" },
        { kind: "note", text: ["first line", "second line"], corner: "bottom-right" },
      ],
    });
    assertWellFormed(svg);
    const y = axisMap(svg, "y");
    const x = axisMap(svg, "x");
    const brackets = elements(svg, "g", "gap");
    const [, x0, yFrom, , yTo] = /M(-?[\d.]+),(-?[\d.]+)H(-?[\d.]+)V(-?[\d.]+)/.exec(brackets[0].text) ?? [];
    assertNear(Number(yFrom), y(10), "bracket starts at train's y");
    assertNear(Number(yTo), y(4), "and ends at validation's y");
    assertNear(Number(x0) + 5, x(10), "at x = 10");
    assert.match(brackets[0].text, /6 points/);
    // Between points the bracket ends are interpolated: train 3 + 0.5·(6−3)/3 = 3.5, validation 1 + 2.5·(2−1)/5 = 1.5.
    const [, , from2, , to2] = /M(-?[\d.]+),(-?[\d.]+)H(-?[\d.]+)V(-?[\d.]+)/.exec(brackets[1].text) ?? [];
    assertNear(Number(from2), y(3.5), "interpolated train");
    assertNear(Number(to2), y(1.5), "interpolated validation");
    const note = elements(svg, "g", "note")[0];
    assert.match(note.text, /first line.*second line/);
    const box = elements(note.text, "rect")[0];
    const area = plotArea(svg);
    assertNear(num(box, "x") + num(box, "width"), area.right - 8, "the note's box is inset 8 px from the right edge");
    assertNear(num(box, "y") + num(box, "height"), area.bottom - 8, "and from the bottom");
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => lineChart({ series: [] }), /lineChart: options.series is empty/);
    assert.throws(() => lineChart({ series: [{ name: "a", points: [] }] }), /series "a" points is empty/);
    assert.throws(() => lineChart({ series: [rising, rising] }), /two series are named "train"/);
    assert.throws(() => lineChart({ series: [{ name: "a", points: [[NaN, 1]] }] }), /series "a" point 0 has x = NaN; x must be a finite number/);
    assert.throws(() => lineChart({ series: [{ name: "a", points: [[0, null], [1, NaN]] }] }), /no series has a finite y value/);
    assert.throws(() => lineChart({ series: [rising], logY: true }), /y = 0 at x = 0, but a log y axis needs positive values/);
    assert.throws(() => lineChart({ series: [rising], annotations: [{ kind: "gap", x: 1, from: "train", to: "val" }] }), /names series "val", but the series are "train"/);
    assert.throws(() => lineChart({ series: [rising, flat], annotations: [{ kind: "gap", x: 11, from: "train", to: "validation" }] }), /at x = 11 needs a value of series "train"/);
    assert.throws(() => lineChart({ series: [rising], width: -5 }), /options.width must be a positive number of pixels, got -5/);
    assert.throws(() => lineChart({ series: [rising], width: 60, height: 60 }), /leaves a .* plot area .* make it larger/);
  });
});
