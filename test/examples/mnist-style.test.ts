/**
 * The browser example's preprocessing of a drawing (examples/browser/mnist-style.ts): an MNIST
 * digit blown up and put anywhere on a large pad comes back as the digit it was.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mnist } from "../../src/data/index.js";
import { mnistStyle } from "../../examples/browser/mnist-style.js";

const PAD = 280;

/** `digit` (28×28) scaled by a whole `factor` (each pixel a square) onto a PAD × PAD pad at (left, top). */
function onPad(digit: ArrayLike<number>, factor: number, left: number, top: number): Float32Array {
  const pad = new Float32Array(PAD * PAD);
  for (let y = 0; y < 28 * factor; y++) {
    for (let x = 0; x < 28 * factor; x++) pad[(top + y) * PAD + left + x] = digit[Math.floor(y / factor) * 28 + Math.floor(x / factor)];
  }
  return pad;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe("mnistStyle", () => {
  it("finds nothing on a blank pad", () => {
    assert.equal(mnistStyle(new Float32Array(PAD * PAD), PAD, PAD), null);
  });

  it("gives back MNIST test digits drawn 4 to 9 times as large anywhere on the pad", async () => {
    const test = await mnist("test", { limit: 20 });
    for (let i = 0; i < 20; i++) {
      const digit = test.x.values.subarray(784 * i, 784 * (i + 1));
      const factor = 4 + (i % 6);
      const room = PAD - 28 * factor;
      const pixels = mnistStyle(onPad(digit, factor, (41 * i) % (room + 1), (67 * i) % (room + 1)), PAD, PAD)!;
      const r = correlation(pixels, digit);
      assert.ok(r > 0.9, `test digit ${i} at ${factor}×: correlation ${r.toFixed(3)} with the original`);
    }
  });

  it("scales a wide stroke to 20 pixels wide, keeping its shape, centred by mass", () => {
    const pad = new Float32Array(PAD * PAD);
    for (let y = 10; y < 30; y++) for (let x = 100; x < 260; x++) pad[y * PAD + x] = 1;
    const pixels = mnistStyle(pad, PAD, PAD)!;
    const inked = [...pixels.keys()].filter((i) => pixels[i] > 0.5);
    const rows = inked.map((i) => Math.floor(i / 28));
    const columns = inked.map((i) => i % 28);
    assert.deepEqual([new Set(columns).size, new Set(rows).size], [20, 3], "160 × 20 pixels become 20 × 2.5, rounded to 3");
    const centre = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    assert.ok(Math.abs(centre(columns) - 14) <= 0.5 && Math.abs(centre(rows) - 14) <= 0.5, `centred at (${centre(columns)}, ${centre(rows)})`);
  });
});
