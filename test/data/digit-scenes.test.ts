import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Tensor } from "../../src/index.js";
import { digitScenes, mnist, SCENE_BACKGROUND, type SceneBox } from "../../src/data/index.js";

describe("digitScenes", async () => {
  const source = await mnist("test", { limit: 500 });
  const scenes = digitScenes(source, { count: 40, seed: 3 });
  const size = 112;

  it("draws 2–5 digits a scene, their boxes inside the canvas and apart", () => {
    assert.deepEqual(scenes.images.shape, [40, 1, size, size]);
    assert.deepEqual(scenes.labels.shape, [40, size, size]);
    let total = 0;
    for (const boxes of scenes.boxes) {
      assert.ok(boxes.length >= 1 && boxes.length <= 5);
      total += boxes.length;
      for (const b of boxes) {
        assert.ok(0 <= b.x1 && b.x1 < b.x2 && b.x2 <= size && 0 <= b.y1 && b.y1 < b.y2 && b.y2 <= size, JSON.stringify(b));
        assert.ok(Number.isInteger(b.label) && b.label >= 0 && b.label <= 9);
      }
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!meet(boxes[i], boxes[j]));
    }
    assert.ok(total / 40 > 3, `mean digits a scene ${total / 40}`); // 2–5 asked, a few placements fail
  });

  it("labels exactly the pixels inked by a digit with its class, each inside that digit's box", () => {
    const { images, labels, boxes } = scenes;
    for (let n = 0; n < 40; n++) {
      for (let p = 0; p < size * size; p++) {
        const label = labels.values[n * size * size + p];
        if (label === SCENE_BACKGROUND) continue;
        const [r, c] = [Math.floor(p / size), p % size];
        assert.ok(images.values[n * size * size + p] >= 0.3);
        const owner = boxes[n].find((b) => b.x1 <= c && c < b.x2 && b.y1 <= r && r < b.y2);
        assert.equal(owner?.label, label, `scene ${n} pixel (${r}, ${c})`);
      }
      // every box is tight: its edge rows and columns hold its digit's pixels
      for (const b of boxes[n]) {
        const labelled = (r: number, c: number) => labels.values[n * size * size + r * size + c] === b.label;
        assert.ok(range(b.x1, b.x2).some((c) => labelled(b.y1, c)) && range(b.x1, b.x2).some((c) => labelled(b.y2 - 1, c)));
        assert.ok(range(b.y1, b.y2).some((r) => labelled(r, b.x1)) && range(b.y1, b.y2).some((r) => labelled(r, b.x2 - 1)));
      }
    }
  });

  it("scatters stroke fragments as clutter outside the digits' boxes, labelled background", () => {
    const plain = digitScenes(source, { count: 40, seed: 3, clutter: 0 });
    let clutterInk = 0;
    for (let n = 0; n < 40; n++) {
      for (let p = 0; p < size * size; p++) {
        const extra = scenes.images.values[n * size * size + p] - plain.images.values[n * size * size + p];
        if (extra > 0.3) clutterInk++;
      }
    }
    // the clutter draws come after the digits, so the same seed places the same digits
    assert.deepEqual(plain.boxes, scenes.boxes);
    assert.ok(clutterInk / 40 > 20, `clutter pixels a scene ${clutterInk / 40}`);
  });

  it("scales the digits within the range asked", () => {
    const small = digitScenes(source, { count: 20, seed: 1, scale: [0.6, 0.6], clutter: 0 });
    const large = digitScenes(source, { count: 20, seed: 1, scale: [1.6, 1.6], clutter: 0 });
    const heights = (s: SceneBox[][]) => s.flat().map((b) => b.y2 - b.y1);
    assert.ok(Math.max(...heights(small.boxes)) <= 17);
    assert.ok(Math.max(...heights(large.boxes)) > 30);
  });

  it("is the same for the same seed and differs for another", () => {
    const again = digitScenes(source, { count: 40, seed: 3 });
    assert.deepEqual(again.boxes, scenes.boxes);
    assert.deepEqual(again.images.values, scenes.images.values);
    assert.notDeepEqual(digitScenes(source, { count: 40, seed: 4 }).boxes, scenes.boxes);
  });

  it("names a bad source or option", () => {
    assert.throws(() => digitScenes({ x: new Tensor(new Float32Array(32 * 32), [1, 1, 32, 32]), y: new Tensor(new Int32Array(1), [1]) }, { count: 1 }), /source.x must be 28×28 digits.*\[1, 1, 32, 32\]/);
    assert.throws(() => digitScenes(source, { count: 0 }), /count must be a positive integer, got 0/);
    assert.throws(() => digitScenes(source, { count: 1, size: 40 }), /size must be an integer of at least 45/);
    assert.throws(() => digitScenes(source, { count: 1, digits: [3, 2] }), /digits must be \[min, max\]/);
    assert.throws(() => digitScenes(source, { count: 1, scale: [0, 1] }), /scale must be \[min, max\]/);
  });
});

function meet(a: SceneBox, b: SceneBox): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
