/** Reading a trained classifier: predictions and mistakes, warps and invariance curves, feature tapping. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Tensor, nn } from "../../src/index.js";
import { captureActivations, confidentMistakes, confusionCounts, featureTapping, invarianceCurves, predict, warpImage } from "../../src/viz/index.js";
import { assertClose } from "../helpers.js";
import { mnistSlice, trainedLenet } from "./trained-lenet.js";

const dot = (h: number, w: number, y: number, x: number) => {
  const t = new Float32Array(h * w);
  t[y * w + x] = 1;
  return new Tensor(t, [1, h, w]);
};
const where = (t: Tensor) => {
  const i = t.values.indexOf(Math.max(...t.values));
  return [Math.floor(i / t.shape[2]), i % t.shape[2]];
};

describe("warpImage", () => {
  it("shifts, rotates anticlockwise about the centre, and scales about it", () => {
    assert.deepEqual(where(warpImage(dot(5, 5, 2, 2), { dx: 2, dy: -1 })), [1, 4]);
    // A dot right of centre, turned 90° anticlockwise on the screen, ends up above the centre.
    assert.deepEqual(where(warpImage(dot(5, 5, 2, 4), { degrees: 90 })), [0, 2]);
    // Magnified ×2, a dot one pixel right of centre moves two pixels right.
    assert.deepEqual(where(warpImage(dot(5, 5, 2, 3), { scale: 2 })), [2, 4]);
    // Half a pixel to the right: the mass splits evenly between two pixels.
    assertClose([...warpImage(dot(1, 4, 0, 1), { dx: 0.5 }).values], [0, 0.5, 0.5, 0]);
    assert.deepEqual([...warpImage(dot(1, 3, 0, 1), { dx: 5 }, -1).values], [-1, -1, -1], "pixels from outside get the fill");
    assert.throws(() => warpImage(new Tensor(new Float32Array(4), [2, 1, 1, 2]), {}), /one image \[C, H, W\] or \[1, C, H, W\], got \[2, 1, 1, 2\]/);
  });
});

describe("a trained LeNet-5 read off the MNIST test set", async () => {
  const model = await trainedLenet();
  const test = await mnistSlice("test", 1000);

  it("predict and confusionCounts agree with the model's accuracy; the surest mistakes come first", () => {
    const predictions = predict(model, test.x, { batchSize: 300 });
    const counts = confusionCounts(predictions, test.y.values);
    const right = counts.reduce((sum, row, i) => sum + row[i], 0);
    assert.equal(counts.flat().reduce((a, b) => a + b, 0), 1000);
    assert.ok(right >= 985, `${right} of 1000 right`);
    const mistakes = confidentMistakes(predictions, test.y.values, 5);
    assert.equal(mistakes.length, Math.min(5, 1000 - right));
    for (const m of mistakes) {
      assert.notEqual(m.top3[0].label, m.label);
      assert.ok(m.top3[0].probability >= m.top3[1].probability && m.top3[1].probability >= m.top3[2].probability);
    }
    assert.ok(mistakes.every((m, i) => i === 0 || m.top3[0].probability <= mistakes[i - 1].top3[0].probability));
  });

  it("invariance curves: the untouched input is at distance 0, and the class survives small warps but not a 90° turn", () => {
    const index = [...test.y.values].indexOf(7);
    const x = new Tensor(test.x.values.slice(index * 784, (index + 1) * 784), [1, 1, 28, 28]);
    const curves = invarianceCurves(model, x, { targetClass: 7, layers: ["1", "10"], unit: { layer: "10", channel: 3 }, translations: [-2, 0, 2], scales: [0.9, 1, 1.1], rotations: [-90, 0, 10, 90] });
    const codes = captureActivations(model, x, ["10"]).activations.get("10")!;
    for (const c of curves) assertClose(c.unitOutput![c.amounts.indexOf(c.kind === "scale" ? 1 : 0)], codes.values[3], { message: "the untouched digit's unit output" });
    assert.deepEqual(curves.map((c) => c.kind), ["translation", "scale", "rotation"]);
    for (const c of curves) {
      const at = c.amounts.indexOf(c.kind === "scale" ? 1 : 0);
      assertClose(c.featureDistance["1"][at], 0, { atol: 1e-4 });
      assert.ok(c.probability[at] > 0.5);
    }
    const rotation = curves[2];
    assert.ok(rotation.probability[2] > 0.5, "10° keeps the 7");
    assert.ok(Math.min(rotation.probability[0], rotation.probability[3]) < 0.5, `a 90° turn one way loses it: ${rotation.probability}`);
    assert.ok(rotation.featureDistance["10"][3] > rotation.featureDistance["10"][2]);
    assert.throws(() => invarianceCurves(model, x, { targetClass: 10, layers: ["1"] }), /targetClass must be an integer in \[0, 10\), got 10/);
    assert.throws(() => invarianceCurves(model, x, { targetClass: 7, layers: ["1"], unit: { layer: "10", channel: 84 } }), /unit\.channel must be an integer in \[0, 84\)/);
  });

  it("feature tapping: a linear classifier on deeper features scores higher on test digits", async () => {
    const train = await mnistSlice("train", 600);
    const small = { x: new Tensor(test.x.values.slice(0, 400 * 784), [400, 1, 28, 28]), y: new Tensor(test.y.values.slice(0, 400), [400]) };
    const [first, last] = featureTapping(model, train, small, { layers: ["1", "10"], epochs: 8 });
    assert.equal(first.features, 6 * 28 * 28);
    assert.equal(last.features, 84);
    assert.ok(last.testAccuracy >= 0.95, `84-d codes: ${last.testAccuracy}`);
    assert.ok(last.testAccuracy > first.testAccuracy, `${first.testAccuracy} at conv1 vs ${last.testAccuracy} at the 84-d codes`);
  });

  it("refuses a model whose output is not [batch, classes]", () => {
    assert.throws(() => predict(new nn.Flatten(0), test.x), /scores \[batch, classes\], got \[392000\]/, "(the first batch of 500)");
  });
});
