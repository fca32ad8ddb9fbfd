import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { barChart, confusionMatrixSvg, escapeXml, formatNumber, histogram, histogramGrid, lineChart, scatterPlot, trainingCurves } from "../../../src/viz/plots/index.js";
import { assertWellFormed, elements } from "./svg-check.js";

const nasty = `loss <train & "val"> 'x'`;

describe("SVG text", () => {
  it("escapes the five XML specials", () => {
    assert.equal(escapeXml(`<a href="x">Tom & 'Jerry'</a>`), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  });

  it("keeps every chart well-formed with <&>\"' in titles, labels and names", () => {
    const charts = [
      lineChart({ title: nasty, xLabel: nasty, yLabel: nasty, series: [{ name: nasty, points: [[0, 1], [1, 2]] }, { name: "b", points: [[0, 2], [1, 1]] }], annotations: [{ kind: "note", text: nasty }, { kind: "gap", x: 1, from: nasty, to: "b", label: nasty }] }),
      histogram([1, 2, 3], { title: nasty, xLabel: nasty }),
      histogramGrid([{ title: nasty, values: [1, 2] }], { title: nasty }),
      scatterPlot([[0, 0], [1, 1]], [0, 1], { title: nasty, classNames: [nasty, "b"] }),
      barChart({ title: nasty, bars: [{ label: nasty, value: 1 }], reference: { value: 0.5, label: nasty } }),
      confusionMatrixSvg([[1, 0], [0, 1]], { title: nasty, classNames: [nasty, "b"] }),
      trainingCurves([{ name: nasty, records: [{ epoch: 1, trainLoss: 1, trainAccuracy: 0.5, valAccuracy: 0.4 }] }], { title: nasty }).loss,
    ];
    for (const svg of charts) {
      assertWellFormed(svg);
      assert.ok(!svg.includes(nasty), "the raw text never appears");
      assert.ok(elements(svg, "title")[0].text.startsWith(nasty), "the accessible title holds the text unescaped");
      assert.ok(elements(svg, "text").some((t) => t.text.includes(nasty)), "and so does a drawn label");
    }
  });

  it("formats numbers for labels", () => {
    assert.equal(formatNumber(1132), "1,132");
    assert.equal(formatNumber(12345.678), "12,346");
    assert.equal(formatNumber(0.99171), "0.992");
    assert.equal(formatNumber(0.000123), "0.000123");
    assert.equal(formatNumber(-2.5), "−2.5");
    assert.equal(formatNumber(0.5), "0.5");
  });
});
