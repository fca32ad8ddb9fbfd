/** drawBoxes: outlines outside the box, digit labels, order, errors. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { zeros } from "../../src/index.js";
import { drawBoxes } from "../../src/viz/index.js";

/** The pixels of an [H, W, 3] image equal to `color`, as "row,col" strings. */
function pixelsOf(image: { values: ArrayLike<number>; shape: readonly number[] }, color: readonly number[]): Set<string> {
  const [h, w] = image.shape;
  const found = new Set<string>();
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (color.every((v, k) => image.values[3 * (y * w + x) + k] === v)) found.add(`${y},${x}`);
  return found;
}

describe("drawBoxes", () => {
  it("draws a one-pixel outline just outside the box, leaving the box and the input untouched", () => {
    const image = zeros([6, 7, 1]);
    const drawn = drawBoxes(image, [{ x1: 2, y1: 2, x2: 4, y2: 3, color: [1, 0, 0] }]);
    assert.deepEqual([...drawn.shape], [6, 7, 3]);
    // the box holds columns 2–3 of row 2; its outline is the ring of columns 1–4, rows 1–3
    const ring = ["1,1", "1,2", "1,3", "1,4", "2,1", "2,4", "3,1", "3,2", "3,3", "3,4"];
    assert.deepEqual([...pixelsOf(drawn, [1, 0, 0])].sort(), ring.sort());
    assert.ok(image.values.every((v) => v === 0));
  });

  it("draws thicker outlines with a gap, a later box over an earlier, and a digit label above", () => {
    const drawn = drawBoxes(zeros([40, 40, 3]), [
      { x1: 10, y1: 20, x2: 20, y2: 30, color: [0, 1, 0], thickness: 2, gap: 1, label: 7 },
      { x1: 10, y1: 20, x2: 20, y2: 30, color: [0, 0, 1] },
    ]);
    const green = pixelsOf(drawn, [0, 1, 0]);
    assert.ok(green.has("17,7") && green.has("18,8") && !green.has("19,9"), "outline two pixels wide, one pixel away");
    assert.ok(pixelsOf(drawn, [0, 0, 1]).has("19,9"), "the second box's outline lies on the first's gap");
    // the 7's top row (three glyph pixels of 2×2) sits 11 rows above the outline's top row 17, from its left column 7
    for (const x of [7, 8, 9, 10, 11, 12]) assert.ok(green.has(`6,${x}`), `label pixel (6, ${x})`);
    assert.ok(green.has("8,11") && !green.has("8,7"), "the 7's stem is on the right");
  });

  it("rejects reversed boxes and labels that are not digits", () => {
    assert.throws(() => drawBoxes(zeros([4, 4, 1]), [{ x1: 3, y1: 0, x2: 1, y2: 2, color: [1, 1, 1] }]), /drawBoxes: box 0 \(3, 0, 1, 2\) must have x1 ≤ x2/);
    assert.throws(() => drawBoxes(zeros([4, 4, 1]), [{ x1: 0, y1: 0, x2: 1, y2: 2, color: [1, 1, 1], label: 12 }]), /label must be a digit 0–9, got 12/);
  });
});
