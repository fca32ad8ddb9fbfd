import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { greyPatches, mandrill, randomPatches, toGrey } from "../../src/data/natural-images.js";
import { assertClose, assertShape } from "../helpers.js";

describe("natural images", () => {
  it("decodes the mandrill photograph from baboon-image-uri: 128×128 RGB in [0, 1], with its red nose down the middle", () => {
    const image = mandrill();
    assertShape(image, [3, 128, 128]);
    const v = image.values;
    assert.ok(Math.min(...v) >= 0 && Math.max(...v) <= 1);
    const plane = 128 * 128;
    // the mean colour over the centre column strip (the nose) is red-dominated
    let red = 0;
    let blue = 0;
    for (let y = 40; y < 100; y++) for (let x = 60; x < 68; x++) {
      red += v[y * 128 + x];
      blue += v[2 * plane + y * 128 + x];
    }
    assert.ok(red > 1.3 * blue, `nose red ${red.toFixed(1)} vs blue ${blue.toFixed(1)}`);
  });

  it("cuts seeded patches that are real windows of the image", () => {
    const grey = toGrey(mandrill());
    const a = randomPatches(grey, 8, 5, 7);
    assertShape(a, [5, 1, 8, 8]);
    assert.deepEqual(a.values, randomPatches(grey, 8, 5, 7).values);
    // every patch occurs somewhere in the image
    for (let n = 0; n < 5; n++) {
      const first = a.values[n * 64];
      let found = false;
      for (let top = 0; top <= 120 && !found; top++) for (let left = 0; left <= 120 && !found; left++) {
        if (grey.values[top * 128 + left] !== first) continue;
        found = Array.from({ length: 64 }, (_, k) => grey.values[(top + (k >> 3)) * 128 + left + (k & 7)] === a.values[n * 64 + k]).every(Boolean);
      }
      assert.ok(found, `patch ${n} is not a window of the image`);
    }
    assert.throws(() => randomPatches(grey, 200, 1), /size must be an integer from 1 to 128 \(the image is 128×128\), got 200/);
  });

  it("greyPatches removes each patch's mean", () => {
    const p = greyPatches(6, 50, { seed: 2, part: "test" });
    assertShape(p, [50, 36]);
    assertClose(p.mean(1), new Array(50).fill(0), { atol: 1e-6 });
  });
});

describe("randomPatches with symmetries", () => {
  it("gives each patch one of the 8 flips and quarter-turns of the window at the same position", () => {
    const image = mandrill();
    const plain = randomPatches(image, 5, 40, 9);
    const turned = randomPatches(image, 5, 40, 9, { symmetries: true });
    const seen = new Set<string>();
    for (let n = 0; n < 40; n++) {
      const p = (k: number, i: number, j: number) => plain.values[n * 75 + k * 25 + i * 5 + j];
      const t = (k: number, i: number, j: number) => turned.values[n * 75 + k * 25 + i * 5 + j];
      const candidates = {
        identity: (i: number, j: number) => [i, j], flipRows: (i: number, j: number) => [4 - i, j], flipCols: (i: number, j: number) => [i, 4 - j],
        rotate180: (i: number, j: number) => [4 - i, 4 - j], transpose: (i: number, j: number) => [j, i], antiTranspose: (i: number, j: number) => [4 - j, 4 - i],
        turnLeft: (i: number, j: number) => [j, 4 - i], turnRight: (i: number, j: number) => [4 - j, i],
      };
      const match = Object.entries(candidates).find(([, map]) => {
        for (let k = 0; k < 3; k++) for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
          const [a, b] = map(i, j);
          if (t(k, i, j) !== p(k, a, b)) return false;
        }
        return true;
      });
      assert.ok(match, `patch ${n} is no symmetry of the window`);
      seen.add(match[0]);
    }
    assert.ok(seen.size >= 6, `only ${[...seen].join(", ")} among 40 patches`);
  });
});
