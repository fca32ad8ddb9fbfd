/** The window detector: decoding its maps into boxes (by hand), its loss, and a small real run of detection on scenes. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, tensor, zeros } from "../../src/index.js";
import { digitScenes, mnist, sceneWindows, selectClasses } from "../../src/data/index.js";
import { crossEntropy, smoothL1Loss } from "../../src/nn/functional/index.js";
import { decodeDetectionMap, detectionTargets, detectMultiScale, fullyConvolutional, windowDetectionLoss, windowDetector } from "../../src/models/index.js";
import { detectionAP, trainWindowDetector } from "../../src/train/index.js";
import { assertClose } from "../helpers.js";

describe("decodeDetectionMap", () => {
  it("by hand: one confident position of a 2×3 map at zoom 2 gives its box in scene pixels", () => {
    const map = zeros([15, 2, 3]);
    const set = (channel: number, row: number, col: number, value: number) => (map.values[channel * 6 + row * 3 + col] = value);
    for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) set(10, r, c, 12); // background everywhere…
    set(10, 1, 2, 0);
    set(7, 1, 2, 10); // …but a 7 at row 1, column 2
    [0.25, 0.25, 0.75, 0.5].forEach((v, k) => set(11 + k, 1, 2, v));
    const found = decodeDetectionMap(map, { zoom: 2, sceneSize: 112 });
    // window origin (4·2, 4·1)/2 = (4, 2); corners 28·(0.25, 0.25, 0.75, 0.5)/2 = (3.5, 3.5, 10.5, 7) from it
    assert.equal(found.length, 1);
    const { score, ...box } = found[0];
    assert.deepEqual(box, { x1: 7.5, y1: 5.5, x2: 14.5, y2: 9, label: 7 });
    assertClose(score, Math.exp(10) / (Math.exp(10) + 10), { atol: 1e-9 });
  });

  it("gives every digit class above the threshold, orders reversed corners and clips to the scene", () => {
    const map = zeros([15, 1, 1]);
    map.values[3] = 5;
    map.values[8] = 5;
    // corners (x1, y1, x2, y2) = 28·(0.5, 0.9, −1, 0.1) at zoom 1: x from −28 to 14, clipped at 0; y from 2.8 to 25.2, clipped at 20
    map.values.set([0.5, 0.9, -1, 0.1], 11);
    const found = decodeDetectionMap(map, { zoom: 1, sceneSize: 20, scoreThreshold: 0.3 });
    assert.deepEqual(found.map((f) => f.label), [3, 8]);
    assertClose([found[0].x1, found[0].y1, found[0].x2, found[0].y2], [0, 2.8, 14, 20]);
  });

  it("rejects a map without 15 channels", () => {
    assert.throws(() => decodeDetectionMap(zeros([11, 2, 2]), { zoom: 1, sceneSize: 10 }), /decodeDetectionMap: map must be \[15, H, W\] \(11 class scores, then a box\), got \[11, 2, 2\]/);
  });
});

describe("windowDetectionLoss", () => {
  it("is the cross-entropy of the classes plus the weighted smooth-L1 box error of the digit windows only", () => {
    const output = tensor(Array.from({ length: 45 }, (_, i) => Math.sin(i)), [3, 15]);
    const classes = tensor([4, 10, 0], [3], { dtype: "int32" });
    const boxes = tensor([0.1, 0.2, 0.6, 0.9, 0, 0, 0, 0, 0.3, 0.3, 0.5, 0.7], [3, 4]);
    const loss = windowDetectionLoss(output, detectionTargets(classes, boxes), { boxWeight: 2 });
    const digitRows = tensor([0, 2], [2], { dtype: "int32" });
    const expected = crossEntropy(output.narrow(1, 0, 11), classes).values[0]
      + (2 / 2) * smoothL1Loss(output.narrow(1, 11, 4).indexSelect(0, digitRows), boxes.indexSelect(0, digitRows), { reduction: "sum", beta: 0.05 }).values[0];
    assertClose(loss.values[0], expected, { rtol: 1e-5 });
    // a background window's box output does not matter
    const moved = tensor(Array.from(output.values), [3, 15]);
    moved.values[15 + 12] += 5;
    assertClose(windowDetectionLoss(moved, detectionTargets(classes, boxes), { boxWeight: 2 }).values[0], expected, { rtol: 1e-5 });
  });
});

describe("detection on scenes, a small real run", async () => {
  // digits 0 and 1 at scale 1 (about 20 pixels tall), no clutter: a few seconds of training suffice
  const source = selectClasses(await mnist("train", { limit: 2000 }), [0, 1]);
  const heldOut = selectClasses(await mnist("test", { limit: 1000 }), [0, 1]);
  const options = { size: 56, digits: [1, 2], scale: [1, 1], clutter: 0 } as const;

  it("a detector trained briefly on 80 scenes finds the digits of 20 others with AP far above chance", async () => {
    manualSeed(4);
    const net = windowDetector({ channels: [8, 16], hidden: 32 });
    const windows = sceneWindows(digitScenes(source, { count: 80, seed: 1, ...options }), { scales: [1], seed: 2 });
    await trainWindowDetector(net, windows, { epochs: 8, lr: 3e-3, batchSize: 32, boxWeight: 1, seed: 3 });
    net.eval();
    const test = digitScenes(heldOut, { count: 20, seed: 5, ...options });
    const found = detectMultiScale(fullyConvolutional(net, [1, 28, 28]), test.images, { scales: [1] });
    const { mAP, perClass } = detectionAP(found, test.boxes);
    // chance: 20 boxes a scene of a digit's size at random places, random classes and scores
    const generator = new Generator(6);
    const guesses = test.boxes.map(() =>
      Array.from({ length: 20 }, () => {
        const [x, y] = [generator.uniform() * 40, generator.uniform() * 36];
        return { x1: x, y1: y, x2: x + 8 + 8 * generator.uniform(), y2: y + 20, label: generator.int(2), score: generator.uniform() };
      }),
    );
    const chance = detectionAP(guesses, test.boxes).mAP;
    // measured: 0.64 against 0.003 by chance
    assert.ok(mAP > 0.4 && mAP > 5 * chance, `mAP ${mAP.toFixed(3)} (${perClass.map((c) => `${c.label}: ${c.ap.toFixed(3)}`).join(", ")}), chance ${chance.toFixed(3)}`);
  });
});
