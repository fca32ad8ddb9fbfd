/**
 * Attribution: saliency and guided backprop against closed forms, the deconvnet projection against a
 * worked example and against autograd under the deconvnet ReLU rule, occlusion on a model with known
 * behaviour, and the checks on 100 correctly classified MNIST digits with the trained LeNet-5.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { grad, maxPool, nn, noGrad, select, sum, Tensor, tensor, withReluGradient } from "../../src/index.js";
import { deconvnet, guidedBackprop, occlusion, saliency } from "../../src/viz/attribution/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { correctDigits, normalised, trainedLenet } from "./trained-lenet.js";
import { attacks } from "./trained-lenet.js";

/** A model with known weights: Flatten, then Linear(2→3), ReLU, Linear(3→2); on x = [1, 2] the hidden ReLU inputs are [1, 2, −1]. */
function tinyReluModel(): nn.Sequential {
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(2, 3, { bias: false }), new nn.ReLU(), new nn.Linear(3, 2, { bias: false }));
  model.loadStateDict({ "1.weight": tensor([[1, 0], [0, 1], [1, -1]]), "3.weight": tensor([[2, -3, 5], [0, 0, 0]]) });
  return model;
}

describe("saliency and guidedBackprop", () => {
  it("saliency of a linear model is its weight row: per channel, and max over channels of |w|", () => {
    const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(4, 3));
    model.loadStateDict({ "1.weight": tensor([[0, 0, 0, 0], [1, -4, 3, 0.5], [0, 0, 0, 0]]), "1.bias": tensor([9, 9, 9]) });
    const image = tensor([[[0.3, 0.7]], [[-1, 2]]]); // [C = 2, H = 1, W = 2]
    const perChannel = saliency(model, image, 1, { reduce: "none" });
    assertShape(perChannel, [2, 1, 2]);
    assert.deepEqual(Array.from(perChannel.values), [1, -4, 3, 0.5]);
    const map = saliency(model, image, 1);
    assertShape(map, [1, 2]);
    assert.deepEqual(Array.from(map.values), [3, 4], "max(|1|, |3|), max(|−4|, |0.5|)");
  });

  it("guided backprop passes only positive gradient through active ReLUs (worked example)", () => {
    const image = tensor([[[1, 2]]]);
    // class 0's gradient at the hidden layer is [2, −3, 5]; unit 3 is off, so saliency is W1ᵀ·[2, −3, 0] and guided W1ᵀ·[2, 0, 0]
    assert.deepEqual(Array.from(saliency(tinyReluModel(), image, 0, { reduce: "none" }).values), [2, -3]);
    const guided = guidedBackprop(tinyReluModel(), image, 0);
    assertShape(guided, [1, 1, 2]);
    assert.deepEqual(Array.from(guided.values), [2, 0]);
    assert.deepEqual(Array.from(guidedBackprop(tinyReluModel(), tensor([[[[1, 2]]]]), 0, { reduce: "max-abs" }).values), [2, 0]);
  });

  it("names the number of classes for a bad class index, and the expected ranks for a bad input", () => {
    const image = tensor([[[1, 2]]]);
    assert.throws(() => saliency(tinyReluModel(), image, 2), /saliency: targetClass 2 is out of range for a model with 2 classes \(expected an integer from 0 to 1\)/);
    assert.throws(() => guidedBackprop(tinyReluModel(), image, -1), /guidedBackprop: targetClass -1 is out of range for a model with 2 classes/);
    assert.throws(() => saliency(tinyReluModel(), tensor([[1, 2]]), 0), /saliency: input must be one image \[C, H, W\] or \[1, C, H, W\], got shape \[1, 2\]/);
    assert.throws(() => saliency(tinyReluModel(), image, 0, { reduce: "mean" as "none" }), /reduce must be "max-abs" or "none", got "mean"/);
  });
});

describe("deconvnet", () => {
  /** One 2×2 filter [[1, −1], [0, 2]], no bias; ReLU; 2×2 max-pool. */
  function convReluPool(): nn.Sequential {
    const model = new nn.Sequential(new nn.Conv2d(1, 1, 2, { bias: false }), new nn.ReLU(), new nn.MaxPool2d(2));
    model.loadStateDict({ "0.weight": tensor([[[[1, -1], [0, 2]]]]) });
    return model;
  }
  const image = tensor([[[0, 1, 2, 0], [1, 0, 1, 3], [0, 2, 0, 1], [1, 0, 2, 0]]]);

  it("projects the single pooled max of conv → ReLU → max-pool by hand (worked example)", () => {
    // conv: c[i][j] = x[i][j] − x[i][j+1] + 2·x[i+1][j+1] = [[−1, 1, 8], [5, −1, 0], [−2, 6, −1]]
    // ReLU: [[0, 1, 8], [5, 0, 0], [0, 6, 0]]; the pool's one window (rows and columns 0–1; the 8 and 6
    // fall outside it) holds [[0, 1], [5, 0]]: its max is 5, switch at (1, 0).
    // Down: unpool puts 5 back at (1, 0) of the 3×3 map; rectify keeps it; the transposed convolution
    // spreads 5·w over rows 1–2, columns 0–1: 5·[[1, −1], [0, 2]].
    const projection = deconvnet(convReluPool(), image, { layer: 2, unit: 0 });
    assertShape(projection, [1, 4, 4]);
    assert.deepEqual(Array.from(projection.values), [0, 0, 0, 0, 5, -5, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0]);
  });

  it("takes the strongest activation of the channel by default, or the position given, by index or by path", () => {
    // at the ReLU's output the strongest is the 8 at (0, 2): 8·w at rows 0–1, columns 2–3
    assert.deepEqual(Array.from(deconvnet(convReluPool(), image, { layer: "1", unit: 0 }).values), [0, 0, 8, -8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0]);
    // the 6 at (2, 1): 6·w at rows 2–3, columns 1–2
    assert.deepEqual(Array.from(deconvnet(convReluPool(), image, { layer: 1, unit: 0, position: [2, 1] }).values), [0, 0, 0, 0, 0, 0, 0, 0, 0, 6, -6, 0, 0, 0, 12, 0]);
  });

  it("equals the gradient under the deconvnet ReLU rule, scaled by the unit's activation, through LeNet-5", async () => {
    const model = await trainedLenet();
    const { x, y } = await correctDigits(model, 1);
    const digit = select(x, 0, 0);
    const label = y.values[0];
    const projection = deconvnet(model, digit, { layer: 11, unit: label });
    const leaf = x.detach().requiresGrad_();
    const [g] = withReluGradient("deconvnet", () => grad(sum(select(model.forward(leaf), 1, label)), [leaf]));
    const logit = noGrad(() => model.forward(x)).values[label];
    assertClose(projection, g.mul(logit), { rtol: 1e-3, atol: 1e-4 });
  });

  it("keeps a first-pool unit's projection inside its 6×6 receptive field", async () => {
    const model = await trainedLenet();
    const { x } = await correctDigits(model, 1);
    const projection = deconvnet(model, select(x, 0, 0), { layer: 2, unit: 3 });
    const rows = new Set<number>();
    const cols = new Set<number>();
    projection.values.forEach((v, i) => v !== 0 && (rows.add(Math.floor(i / 28)), cols.add(i % 28)));
    assert.ok(rows.size > 0 && Math.max(...rows) - Math.min(...rows) < 6 && Math.max(...cols) - Math.min(...cols) < 6);
  });

  it("refuses a layer it cannot walk back through, listing those it can, and bad layers, units and positions", () => {
    const withTanh = new nn.Sequential(new nn.Conv2d(1, 1, 2), new nn.Tanh(), new nn.MaxPool2d(2));
    assert.throws(() => deconvnet(withTanh, image, { layer: 2, unit: 0 }), /cannot walk back through layer 1 \(Tanh\); supported layers: Conv1d\/2d\/3d, MaxPool1d\/2d\/3d, ReLU, Linear, Flatten, Dropout, Identity/);
    assert.throws(() => deconvnet(convReluPool(), image, { layer: 3, unit: 0 }), /layer 3 is out of range for a model of 3 layers \(expected 0 to 2\)/);
    assert.throws(() => deconvnet(convReluPool(), image, { layer: "conv", unit: 0 }), /no layer named "conv"; the layers are 0, 1, 2/);
    assert.throws(() => deconvnet(convReluPool(), image, { layer: 2, unit: 1 }), /unit 1 is out of range for layer 2 \(MaxPool2d\), which has 1 channels/);
    assert.throws(() => deconvnet(convReluPool(), image, { layer: 1, unit: 0, position: [3, 0] }), /position \[3, 0\] is not inside the \[3, 3\] maps of layer 1 \(ReLU\)/);
    assert.throws(() => deconvnet(convReluPool(), tensor([[1, 2], [3, 4]]), { layer: 2, unit: 0 }), /input must be one image \[C, H, W\]/);
  });
});

describe("occlusion", () => {
  /** Class 0's score is the sum of the top-left 2×2 block of a 4×4 image; class 1's is 0. */
  function cornerModel(): nn.Sequential {
    const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(16, 2, { bias: false }));
    const corner = Array.from({ length: 16 }, (_, i) => (i % 4 < 2 && i < 8 ? 1 : 0));
    model.loadStateDict({ "1.weight": tensor([corner, new Array(16).fill(0)]) });
    return model;
  }
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const ones = new Tensor(new Float32Array(16).fill(1), [1, 4, 4]);

  it("gives the class probability for each occluder position, and each pixel's mean over the positions covering it", () => {
    const { probabilities, map, baseline } = occlusion(cornerModel(), ones, 0, { patch: 2, stride: 1, batchSize: 4 });
    assertClose(baseline, sigmoid(4));
    assertShape(probabilities, [3, 3]);
    // the score drops by the number of block pixels the occluder hides
    const hidden = [4, 2, 0, 2, 1, 0, 0, 0, 0];
    assertClose(probabilities, hidden.map((h) => sigmoid(4 - h)));
    assertShape(map, [4, 4]);
    assertClose(map.values[0], sigmoid(0), { message: "pixel (0, 0) is covered only at position (0, 0)" });
    assertClose(map.values[5], (sigmoid(0) + 2 * sigmoid(2) + sigmoid(3)) / 4, { message: "pixel (1, 1): positions (0, 0), (0, 1), (1, 0), (1, 1)" });
    assertClose(map.values[15], sigmoid(4), { message: "pixel (3, 3) never hides the block" });
  });

  it("puts the last occluder flush with the far edge, and takes the patch as a fraction", () => {
    const { probabilities } = occlusion(cornerModel(), ones, 0, { patch: 0.5, stride: 3, fill: -1 });
    // starts 0 and 2 (flush) on each side; a fill of −1 under the block makes its score 4 − 2·4
    assertShape(probabilities, [2, 2]);
    assertClose(probabilities, [sigmoid(-4), sigmoid(4), sigmoid(4), sigmoid(4)]);
    assert.throws(() => occlusion(cornerModel(), ones, 0, { patch: 5 }), /patch must be a whole number of pixels from 1 to 4 \(the image is 4×4\)/);
    assert.throws(() => occlusion(cornerModel(), ones, 2, { patch: 2 }), /occlusion: targetClass 2 is out of range for a model with 2 classes/);
  });
});

describe("on 100 correctly classified MNIST test digits (trained LeNet-5)", () => {
  let model: nn.Sequential;
  let digits: { x: Tensor; y: Tensor };
  /** Per digit, 1 on the strokes (raw pixels > 0.1) and 0 elsewhere, [100, 1, 28, 28]. */
  let strokes: Tensor;
  before(async () => {
    model = await trainedLenet();
    digits = await correctDigits(model, 100);
    strokes = digits.x.gt(normalised(0.1)).float();
  });
  const digit = (i: number) => select(digits.x, 0, i);
  const label = (i: number) => digits.y.values[i];
  const plane = (t: Tensor, i: number) => Array.from(t.values.subarray(i * 784, (i + 1) * 784));

  // measured: 1.85× on average, the strokes (dilated) covering about 29% of the image. (On a
  // LeNet-5 trained with label smoothing and shifted digits, as `npm start` trains it, 1.41×: its
  // gradient spreads further onto the background beyond the strokes.)
  it("puts ≥ 1.5× the strokes' share of the image of the saliency mass on the strokes (dilated by one pixel), every digit > 1×", () => {
    const dilated = maxPool(strokes, [3, 3], { stride: 1, padding: 1 });
    const ratios = Array.from({ length: 100 }, (_, i) => {
      const map = Array.from(saliency(model, digit(i), label(i)).values);
      const onStrokes = plane(dilated, i);
      const massShare = map.reduce((s, v, k) => s + v * onStrokes[k], 0) / map.reduce((s, v) => s + v, 0);
      const areaShare = onStrokes.reduce((s, v) => s + v, 0) / 784;
      return massShare / areaShare;
    });
    const mean = ratios.reduce((a, b) => a + b) / ratios.length;
    assert.ok(mean >= 1.5, `mean ratio ${mean.toFixed(3)}`);
    assert.ok(Math.min(...ratios) > 1, `every digit's saliency leans to its strokes (least ${Math.min(...ratios).toFixed(3)})`);
  });

  it("equals PyTorch's saliency on the same weights and digits", () => {
    attacks.saliency.forEach((expected, i) => assertClose(saliency(model, digit(i), label(i)), expected, { rtol: 1e-3, atol: 1e-6, message: `digit ${i}` }));
  });

  // 8×8 grey square, stride 2; the figures are printed by the assertion messages
  it("lowers the true-class probability more occluding the strokes than the background", () => {
    let strokeDrop = 0;
    let backgroundDrop = 0;
    let strokesLoseMore = 0;
    for (let i = 0; i < 100; i++) {
      const { map, baseline } = occlusion(model, digit(i), label(i));
      const onStrokes = plane(strokes, i);
      const meanWhere = (want: number) => {
        const picked = Array.from(map.values).filter((_, k) => onStrokes[k] === want);
        return picked.reduce((a, b) => a + b) / picked.length;
      };
      const drops = [baseline - meanWhere(1), baseline - meanWhere(0)];
      strokeDrop += drops[0] / 100;
      backgroundDrop += drops[1] / 100;
      if (drops[0] > drops[1]) strokesLoseMore++;
    }
    assert.ok(strokeDrop > 2 * backgroundDrop, `mean drop ${strokeDrop.toFixed(3)} on strokes vs ${backgroundDrop.toFixed(3)} on background`);
    assert.ok(strokesLoseMore >= 95, `strokes lose more on ${strokesLoseMore} of 100 digits`);
  });
});
