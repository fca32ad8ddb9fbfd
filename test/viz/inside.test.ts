/** Looking inside: captured activations, unit statistics, receptive fields and the patches a unit likes best. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Tensor, manualSeed, models, nn, randn } from "../../src/index.js";
import * as viz from "../../src/viz/index.js";
import { assertClose, assertShape } from "../helpers.js";

describe("captureActivations", () => {
  it("returns every layer's output for one input, as running the layers one by one gives", () => {
    manualSeed(5);
    const net = models.lenet5();
    const x = randn([1, 1, 28, 28]);
    const { activations, output } = viz.captureActivations(net, x);
    assert.equal(activations.size, 12);
    let y = x;
    for (let i = 0; i < 12; i++) assertClose(activations.get(String(i))!, (y = net.at(i).forward(y)), { message: `layer ${i}` });
    assertClose(output, y);
    assert.equal(net.training, true, "the model's mode is restored");
    assert.equal(Object.prototype.hasOwnProperty.call(net.at(0), "forward"), false, "the hooks are gone");
    assertShape(viz.activationImage(activations.get("1")!, { scale: 1 }), [28 + 2, 6 * 29 + 1, 1]);
    assertShape(viz.activationImage(activations.get("10")!, { scale: 1 }), [10, 10, 1]);
  });

  it("names the layers there are for a wrong path", () => {
    assert.throws(() => viz.captureActivations(models.lenet5(), randn([1, 1, 28, 28]), ["features.3"]), /no layer "features\.3"; its layers are: 0 \(Conv2d\)/);
  });
});

describe("unitStatistics", () => {
  it("counts a ReLU unit dead when it is 0 for every sample, and gives the mean and zero share", () => {
    // Unit 0 copies the input, unit 1 its negation, unit 2 is always −1 before the ReLU: dead.
    const linear = new nn.Linear(1, 3);
    linear.weight.values.set([1, -1, 0]);
    linear.bias!.values.set([0, 0, -1]);
    const net = new nn.Sequential(linear, new nn.ReLU());
    const [stats] = viz.unitStatistics(net, new Tensor(Float32Array.from([1, 2, -3, 4]), [4, 1]));
    assert.equal(stats.path, "1");
    assert.equal(stats.deadFraction, 1 / 3);
    // outputs: unit 0 → 1, 2, 0, 4; unit 1 → 0, 0, 3, 0; unit 2 → 0 ×4
    assertClose(stats.mean, 10 / 12);
    assert.equal(stats.zeroFraction, 8 / 12);
    assert.deepEqual(stats.shape, [4, 3]);
  });
});

describe("receptiveField", () => {
  it("composes LeNet-5's kernels, strides and padding as worked out by hand", () => {
    const net = models.lenet5();
    const field = (path: string) => viz.receptiveField(net, path, [1, 1, 28, 28]);
    // conv 5×5 padding 2: 5 pixels from −2; pool 2/2: 5 + 1 = 6, jump 2; conv 5×5: 6 + 4·2 = 14; pool: 14 + 1·2 = 16, jump 4.
    assert.deepEqual(field("0"), { size: [5, 5], jump: [1, 1], start: [-2, -2] });
    assert.deepEqual(field("2"), { size: [6, 6], jump: [2, 2], start: [-2, -2] });
    assert.deepEqual(field("4"), { size: [14, 14], jump: [2, 2], start: [-2, -2] });
    assert.deepEqual(field("5"), { size: [16, 16], jump: [4, 4], start: [-2, -2] });
    assert.deepEqual(field("7"), { size: [28, 28], jump: [0, 0], start: [0, 0] }, "a Linear unit sees everything");
  });
});

describe("topPatches", () => {
  it("finds the samples where a unit fires most and crops the input under its receptive field", () => {
    // A 2×2 all-ones filter (no bias) followed by 2×2 max-pooling: a unit fires with the brightest 2×2 block.
    const conv = new nn.Conv2d(1, 1, 2, { bias: false });
    conv.weight.values.fill(1);
    const net = new nn.Sequential(conv, new nn.ReLU(), new nn.MaxPool2d(2));
    const n = 5;
    const x = new Float32Array(n * 49);
    // Sample s (7×7) has one bright 2×2 block of value s + 1 with its top-left at (s, 1).
    for (let s = 0; s < n; s++) for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) x[s * 49 + (s + dy) * 7 + 1 + dx] = s + 1;
    const images = new Tensor(x, [n, 1, 7, 7]);
    const tops = viz.topPatches(net, images, "2", { unit: 0, k: 3, batchSize: 2 });
    assert.deepEqual(tops.map((t) => t.index), [4, 3, 2]);
    assert.deepEqual(tops.map((t) => t.activation), [20, 16, 12]);
    // A pooled unit sees 2 + 1 = 3 pixels, with a jump of 2. Sample 4's block (rows 4–5, columns 1–2) fills
    // conv output (4, 1), which pooled unit (2, 0) covers: input rows 4–6, columns 0–2.
    assert.deepEqual(tops[0].position, [2, 0]);
    assertShape(tops[0].patch, [1, 3, 3]);
    assert.deepEqual([...tops[0].patch.values], [0, 5, 5, 0, 5, 5, 0, 0, 0]);
    // A unit by the edge: pooled unit (1, 0) sees rows 2–4 and columns −1…1; its first column lies outside and is filled.
    const edge = viz.topPatches(new nn.Sequential(new nn.MaxPool2d(3, { stride: 3, padding: 1 })), images, "0", { unit: 0, k: 1, fill: -1 });
    assert.deepEqual(edge[0].position, [1, 0]);
    assert.deepEqual([...edge[0].patch.values], [-1, 0, 0, -1, 0, 0, -1, 0, 5]);
    assert.throws(() => viz.topPatches(net, images, "2", { unit: 1 }), /unit must be an integer in \[0, 1\)/);
    assert.throws(() => viz.topPatches(net, new Tensor(x, [n * 49]), "2", { unit: 0 }), /expected images \[N, C, H, W\], got \[245\]/);
  });
});
