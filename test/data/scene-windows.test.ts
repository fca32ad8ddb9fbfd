/** Detector training windows cut from digit scenes, and the bilinear resampling they are cut with. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor } from "../../src/index.js";
import { digitScenes, mnist, resample, SCENE_BACKGROUND, sceneWindows, zoomScenes } from "../../src/data/index.js";
import { assertClose } from "../helpers.js";

describe("resample and zoomScenes", () => {
  it("by hand: a 2×2 image zoomed 2× samples it at (c + ½)/2 − ½, blank outside", () => {
    // columns sample x = −0.25, 0.25, 0.75, 1.25: weights (¼ blank, ¾ col 0), (¾ col 0, ¼ col 1), (¼, ¾), (¾ col 1, ¼ blank)
    const image = [0, 4, 8, 12];
    const row0 = [0.75 * 0, 0.75 * 0 + 0.25 * 4, 0.25 * 0 + 0.75 * 4, 0.75 * 4];
    const row1 = [0.75 * 8, 0.75 * 8 + 0.25 * 12, 0.25 * 8 + 0.75 * 12, 0.75 * 12];
    const mix = (a: number[], wa: number, b: number[], wb: number) => a.map((v, i) => wa * v + wb * b[i]);
    const expected = [mix(row0, 0.75, [0, 0, 0, 0], 0), mix(row0, 0.75, row1, 0.25), mix(row0, 0.25, row1, 0.75), mix(row1, 0.75, [0, 0, 0, 0], 0)].flat();
    assertClose(resample(image, 0, 2, 0, 0, 2, 4, 4), expected);
    assertClose(zoomScenes(tensor(image, [1, 1, 2, 2]), 2), expected);
  });

  it("at zoom 1 from a whole-pixel corner it copies pixels", () => {
    const image = Array.from({ length: 25 }, (_, i) => i);
    assert.deepEqual(Array.from(resample(image, 0, 5, 1, 2, 1, 2, 3)), [11, 12, 13, 16, 17, 18]);
  });

  it("rejects scenes that are not square single-channel, and zooms that are not positive", () => {
    assert.throws(() => zoomScenes(tensor(new Array(6).fill(0), [1, 1, 2, 3]), 2), /zoomScenes: images must be square one-channel scenes \[N, 1, S, S\], got \[1, 1, 2, 3\]/);
    assert.throws(() => zoomScenes(tensor([0, 0, 0, 0], [1, 1, 2, 2]), 0), /zoom must be a positive number, got 0/);
  });
});

describe("sceneWindows", async () => {
  const source = await mnist("test", { limit: 300 });
  const scenes = digitScenes(source, { count: 12, seed: 5 });
  const scales = [0.62, 0.8, 1.04, 1.36, 1.77];
  const windows = sceneWindows(scenes, { scales, seed: 1 });
  const k = windows.classes.shape[0];
  const digitCount = scenes.boxes.flat().length;

  it("gives two positives a digit, each centred on it within 3 pixels at a height of 20 ± 15%, with its class and box", () => {
    assert.deepEqual(windows.x.shape, [k, 1, 28, 28]);
    assert.deepEqual(windows.boxes.shape, [k, 4]);
    const positives = Array.from(windows.classes.values).map((c, i) => [c, i]).filter(([c]) => c !== SCENE_BACKGROUND);
    assert.equal(positives.length, 2 * digitCount);
    // the positives come digit by digit, in scene order
    assert.deepEqual(positives.filter((_, p) => p % 2 === 0).map(([c]) => c), scenes.boxes.flat().map((b) => b.label));
    for (const [, i] of positives) {
      const [x1, y1, x2, y2] = Array.from(windows.boxes.values.subarray(4 * i, 4 * i + 4), (v) => v * 28);
      assert.ok(Math.abs((x1 + x2) / 2 - 14) <= 3 + 1e-4 && Math.abs((y1 + y2) / 2 - 14) <= 3 + 1e-4, `window ${i} centre (${(x1 + x2) / 2}, ${(y1 + y2) / 2})`);
      assert.ok(y2 - y1 >= 17 - 1e-3 && y2 - y1 <= 23.6 + 1e-3, `window ${i} height ${y2 - y1}`);
      // the digit's ink is in the window, inside its box: ink is denser there than around it (where neighbours and clutter may show)
      const pixels = windows.x.values.subarray(i * 784, (i + 1) * 784);
      let inside = 0, outside = 0, insideArea = 0;
      pixels.forEach((v, p) => {
        const [r, c] = [Math.floor(p / 28) + 0.5, (p % 28) + 0.5];
        const inBox = r > y1 && r < y2 && c > x1 && c < x2;
        if (inBox) [inside, insideArea] = [inside + v, insideArea + 1];
        else outside += v;
      });
      const [densityIn, densityOut] = [inside / insideArea, outside / (784 - insideArea)];
      assert.ok(inside > 15 && densityIn > 2 * densityOut, `window ${i}: ink density ${densityIn.toFixed(2)} in its box, ${densityOut.toFixed(2)} around it`);
    }
  });

  it("labels the rest background, with a zero box", () => {
    const negatives = Array.from(windows.classes.values).flatMap((c, i) => (c === SCENE_BACKGROUND ? [i] : []));
    assert.ok(negatives.length > 2 * digitCount, `${negatives.length} negatives for ${digitCount} digits`); // up to 4 a digit, a few rejected
    for (const i of negatives) assert.deepEqual(Array.from(windows.boxes.values.subarray(4 * i, 4 * i + 4)), [0, 0, 0, 0]);
  });

  it("is seeded", () => {
    const again = sceneWindows(scenes, { scales, seed: 1 });
    assert.deepEqual(Array.from(again.x.values), Array.from(windows.x.values));
    assert.notDeepEqual(Array.from(sceneWindows(scenes, { scales, seed: 2 }).x.values), Array.from(windows.x.values));
  });

  it("rejects bad options", () => {
    assert.throws(() => sceneWindows(scenes, { scales: [] }), /sceneWindows: scales must be positive zooms, got \[\]/);
    assert.throws(() => sceneWindows(scenes, { scales, height: 30 }), /height must be in \(0, window = 28\], got 30/);
    assert.throws(() => sceneWindows(scenes, { scales, negativesPerDigit: 1.5 }), /negativesPerDigit must be a non-negative integer, got 1.5/);
  });
});
