/** The try-it panel's digit preprocessing (client/digit.ts): pictures of MNIST's own digits come back as MNIST has them. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inkOf, mnistDigit, normalize, SIDE } from "../../src/cli/studio/client/digit.js";
import { mnist } from "../../src/data/index.js";

/** The 28×28 digit as an RGBA picture `scale` times larger: ink drawn in `ink`'s grey on `paper`'s. */
function picture(digit: ArrayLike<number>, scale: number, { ink = 255, paper = 0 } = {}): { rgba: Uint8ClampedArray; side: number } {
  const side = SIDE * scale;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = digit[Math.floor(y / scale) * SIDE + Math.floor(x / scale)];
      rgba.set([paper + (ink - paper) * v, paper + (ink - paper) * v, paper + (ink - paper) * v, 255], (y * side + x) * 4);
    }
  }
  return { rgba, side };
}

const meanAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (v, i) => Math.abs(v - b[i])).reduce((s, d) => s + d, 0) / a.length;

describe("the try-it panel's digit preprocessing", async () => {
  const test = await mnist("test", { limit: 20 });
  const digits = Array.from({ length: 20 }, (_, i) => test.x.values.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE));

  it("gives back MNIST's digits from pictures of them ten times larger", () => {
    for (const digit of digits) {
      const { rgba, side } = picture(digit, 10);
      const again = mnistDigit(inkOf(rgba, side, side), side, side);
      assert.ok(again !== null);
      assert.ok(meanAbsDifference(again, digit) < 0.01, `mean difference ${meanAbsDifference(again, digit)}`);
    }
  });

  it("turns dark ink on light paper round, and counts the paper's grey as no ink", () => {
    const { rgba, side } = picture(digits[0], 6);
    const { rgba: onPaper } = picture(digits[0], 6, { ink: 30, paper: 200 });
    assert.ok(meanAbsDifference(inkOf(onPaper, side, side), inkOf(rgba, side, side)) < 0.01);
  });

  it("scales the ink's box to 20 pixels keeping its shape, and centres its mass", () => {
    // a bar 10 wide and 100 tall, near a corner of a 200×200 picture
    const rgba = new Uint8ClampedArray(200 * 200 * 4);
    for (let y = 0; y < 200; y++) for (let x = 0; x < 200; x++) rgba.set([0, 0, 0, 255], (y * 200 + x) * 4);
    for (let y = 5; y < 105; y++) for (let x = 170; x < 180; x++) rgba.set([255, 255, 255, 255], (y * 200 + x) * 4);
    const digit = mnistDigit(inkOf(rgba, 200, 200), 200, 200)!;
    const inked = [...digit.keys()].filter((i) => digit[i] > 0.5);
    const [columns, rows] = [new Set(inked.map((i) => i % SIDE)), new Set(inked.map((i) => Math.floor(i / SIDE)))];
    assert.deepEqual([columns.size, rows.size], [2, 20], "10×100 becomes 2×20");
    const mean = (values: Set<number>) => [...values].reduce((a, b) => a + b, 0) / values.size;
    assert.ok(Math.abs(mean(columns) - 14) <= 0.5 && Math.abs(mean(rows) - 14) <= 0.5, `centred on pixel (14, 14): ${mean(columns)}, ${mean(rows)}`);
  });

  it("finds no digit in a blank picture, and normalises as the recipe says", () => {
    const { rgba, side } = picture(new Float32Array(SIDE * SIDE), 2);
    assert.equal(mnistDigit(inkOf(rgba, side, side), side, side), null);
    assert.deepEqual(Array.from(normalize(Float32Array.from([0, 0.5, 1]), { mean: 0.5, std: 0.25 })), [-2, 0, 2]);
  });
});
