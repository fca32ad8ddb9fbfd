import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { confusionMatrixSvg } from "../../../src/viz/plots/index.js";
import { assertNear, assertWellFormed, elements, num } from "./svg-check.js";

const matrix = [
  [50, 2, 0],
  [5, 40, 5],
  [0, 1, 9],
];

describe("confusionMatrixSvg", () => {
  it("draws N×N cells, true classes down and predicted across, each with its count", () => {
    const svg = confusionMatrixSvg(matrix, { classNames: ["cat", "dog", "bird"], title: "pets" });
    assertWellFormed(svg);
    const cells = elements(svg, "rect", "cell");
    assert.equal(cells.length, 9);
    const size = num(cells[0], "width");
    cells.forEach((cell, k) => {
      assertNear(num(cell, "x") - num(cells[0], "x"), (k % 3) * size, `cell ${k}'s column`);
      assertNear(num(cell, "y") - num(cells[0], "y"), Math.floor(k / 3) * size, `cell ${k}'s row`);
    });
    assert.deepEqual(elements(svg, "text", "count").map((t) => Number(t.text)), matrix.flat());
    assert.deepEqual(elements(svg, "text", "category").map((t) => t.text), ["cat", "dog", "bird"], "predicted classes across");
    assert.deepEqual(elements(svg, "text", "y-tick").map((t) => t.text), ["cat", "dog", "bird"], "true classes down");
    assert.equal(elements(svg, "text", "x-label")[0].text, "predicted");
    assert.equal(elements(svg, "text", "y-label")[0].text, "true");
  });

  it("writes each row's recall at its right", () => {
    const svg = confusionMatrixSvg(matrix);
    assert.deepEqual(elements(svg, "text", "recall").map((t) => t.text), ["96.2%", "80.0%", "90.0%"]);
    assert.equal(confusionMatrixSvg([[0, 0], [1, 1]]).includes(">–</text>"), true, "an empty row has no recall");
  });

  it("writes light text on dark cells and dark text on light ones", () => {
    const svg = confusionMatrixSvg(matrix);
    const counts = elements(svg, "text", "count");
    assert.equal(counts[0].attrs.fill, "#ffffff", "50 of 52: a dark cell");
    assert.equal(counts[1].attrs.fill, "#222222", "2 of 52: a light cell");
    const cells = elements(svg, "rect", "cell");
    assert.notEqual(cells[0].attrs.fill, cells[1].attrs.fill);
  });

  it("writes shares of the true class when normalized", () => {
    const svg = confusionMatrixSvg([[999, 1], [30, 70]], { normalize: true });
    assert.deepEqual(elements(svg, "text", "count").map((t) => t.text), [">99%", "<1%", "30%", "70%"], "rounding hides no mistake");
    assert.deepEqual(elements(confusionMatrixSvg([[5, 0], [0, 2]], { normalize: true }), "text", "count").map((t) => t.text), ["100%", "0", "0", "100%"]);
  });

  it("escapes class names and titles", () => {
    const svg = confusionMatrixSvg([[1, 0], [0, 1]], { classNames: ["<a>", "b&c"], title: 'say "hi" & <bye>' });
    assertWellFormed(svg);
    assert.deepEqual(elements(svg, "text", "category").map((t) => t.text), ["<a>", "b&c"]);
    assert.equal(elements(svg, "text", "title")[0].text, 'say "hi" & <bye>');
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => confusionMatrixSvg([]), /confusionMatrixSvg: matrix is empty/);
    assert.throws(() => confusionMatrixSvg([[1, 2], [3]]), /row 1 has 1 entries, but a confusion matrix of 2 classes is 2×2/);
    assert.throws(() => confusionMatrixSvg([[1, -2], [3, 4]]), /matrix\[0\]\[1\] is -2; counts must be finite and non-negative/);
    assert.throws(() => confusionMatrixSvg([[1, NaN], [3, 4]]), /matrix\[0\]\[1\] is NaN/);
    assert.throws(() => confusionMatrixSvg(matrix, { classNames: ["a", "b"] }), /classNames has 2 names for 3 classes/);
  });
});
