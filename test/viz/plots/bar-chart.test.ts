import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { barChart } from "../../../src/viz/plots/index.js";
import { assertNear, assertWellFormed, axisMap, elements, num } from "./svg-check.js";

const bars = [{ label: "conv1", value: 0.94 }, { label: "conv2", value: 0.978 }, { label: "fc1", value: 0.989 }];

describe("barChart", () => {
  it("draws bars from zero to their values, with the values written above them", () => {
    const svg = barChart({ bars, title: "feature tapping", yLabel: "accuracy" });
    assertWellFormed(svg);
    const y = axisMap(svg, "y");
    const rects = elements(svg, "rect", "bar");
    assert.equal(rects.length, 3);
    rects.forEach((rect, i) => {
      assertNear(num(rect, "y"), y(bars[i].value), `bar ${i}'s top`);
      assertNear(num(rect, "y") + num(rect, "height"), y(0), `bar ${i}'s foot`);
    });
    assert.deepEqual(elements(svg, "text", "value").map((t) => t.text), ["0.94", "0.978", "0.989"]);
    assert.deepEqual(elements(svg, "text", "category").map((t) => t.text), ["conv1", "conv2", "fc1"]);
    const widths = rects.map((r) => num(r, "width"));
    assert.ok(widths.every((w) => w === widths[0]) && num(rects[1], "x") > num(rects[0], "x"), "equal bars, left to right");
  });

  it("draws a labelled reference line at its value, and negative bars below zero", () => {
    const svg = barChart({ bars: [{ label: "a", value: 3 }, { label: "b", value: -2 }], reference: { value: 1.5, label: "chance" }, formatValue: (v) => `${v}%` });
    assertWellFormed(svg);
    const y = axisMap(svg, "y");
    const reference = elements(svg, "g", "reference")[0];
    const rule = elements(reference.text, "line")[0];
    assertNear(num(rule, "y1"), y(1.5), "the reference line");
    assert.match(reference.text, />chance</);
    const negative = elements(svg, "rect", "bar")[1];
    assertNear(num(negative, "y"), y(0), "a negative bar hangs from zero");
    assertNear(num(negative, "y") + num(negative, "height"), y(-2), "down to its value");
    assert.deepEqual(elements(svg, "text", "value").map((t) => t.text), ["3%", "-2%"]);
  });

  it("slants names too wide for their bars", () => {
    const svg = barChart({ bars: Array.from({ length: 12 }, (_, i) => ({ label: `a rather long layer name ${i}`, value: i })) });
    assertWellFormed(svg);
    assert.ok(elements(svg, "text", "category").every((t) => /rotate\(-40 /.test(t.attrs.transform ?? "")));
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => barChart({ bars: [] }), /barChart: options.bars is empty/);
    assert.throws(() => barChart({ bars: [{ label: "x", value: NaN }] }), /bars\[0\] \("x"\) value is NaN; expected a finite number/);
    assert.throws(() => barChart({ bars, reference: { value: Infinity } }), /options.reference.value is Infinity/);
  });
});
