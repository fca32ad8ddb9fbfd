/**
 * Optimising the input: FGSM and iterative FGSM against the closed form on a linear model and on
 * 100 correctly classified MNIST digits with the trained LeNet-5 (the success-rate table), the blur,
 * and class-model images for all ten digits.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { nn, Tensor, tensor } from "../../src/index.js";
import { adversarialTable, classModel, fgsm, gaussianBlur, iterativeFgsm } from "../../src/viz/optimize-input/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { attacks, correctDigits, PIXEL_RANGE, trainedLenet } from "./trained-lenet.js";

/** Two classes scored linearly: class 1 − class 0 = x·[1, −2, 0.5] (the bias favours class 0). */
function linearPair(): nn.Linear {
  const model = new nn.Linear(3, 2);
  model.loadStateDict({ weight: tensor([[0, 0, 0], [1, -2, 0.5]]), bias: tensor([1, 0]) });
  return model;
}

describe("fgsm and iterativeFgsm", () => {
  const inputs = tensor([[0.2, 0.5, 0.9], [0.8, 0.1, 0.4]]);
  const labels = tensor([0, 0], { dtype: "int32" });

  it("step by epsilon along the loss gradient's sign — for label 0, sign(w₁ − w₀) — clamped to the valid range", () => {
    const { adversarial, wasCorrect } = fgsm(linearPair(), inputs, labels, { epsilon: 0.3, clampMin: 0, clampMax: 1 });
    assert.deepEqual(wasCorrect, [true, true]);
    assertClose(adversarial, [0.5, 0.2, 1, 1, 0, 0.7]);
    // every step goes the same way on a linear model, so the iterative walk ends on the ball's edge too
    assertClose(iterativeFgsm(linearPair(), inputs, labels, { epsilon: 0.3, clampMin: 0, clampMax: 1 }).adversarial, [0.5, 0.2, 1, 1, 0, 0.7]);
  });

  it("flag a flip only where the clean answer was right and the adversarial one is wrong", () => {
    // class 1 − class 0 after the attack: 0.5 − 0.4 + 0.5 − 1 < 0 (still right) and 1 − 0 + 0.35 − 1 > 0 (flipped)
    const { predictions, flipped } = fgsm(linearPair(), inputs, labels, { epsilon: 0.3, clampMin: 0, clampMax: 1 });
    assert.deepEqual(Array.from(predictions.values), [0, 1]);
    assert.deepEqual(flipped, [false, true]);
    const wrongToBegin = fgsm(linearPair(), inputs, tensor([1, 0], { dtype: "int32" }), { epsilon: 0.3 });
    assert.deepEqual(wrongToBegin.wasCorrect, [false, true]);
    assert.equal(wrongToBegin.flipped[0], false);
  });

  it("refuse bad labels, epsilons and steps, naming what was expected", () => {
    const model = linearPair();
    assert.throws(() => fgsm(model, inputs, tensor([0, 2], { dtype: "int32" }), { epsilon: 0.1 }), /fgsm: labels\[1\] 2 is out of range for a model with 2 classes \(expected an integer from 0 to 1\)/);
    assert.throws(() => fgsm(model, inputs, tensor([0, 1]), { epsilon: 0.1 }), /fgsm: labels must be int32 \[2\] \(one class per input\), got float32 \[2\]/);
    assert.throws(() => iterativeFgsm(model, inputs, labels, { epsilon: -1 }), /iterativeFgsm: epsilon must be a finite number ≥ 0/);
    assert.throws(() => iterativeFgsm(model, inputs, labels, { epsilon: 0.1, steps: 0 }), /iterativeFgsm: steps must be a positive integer, got 0/);
    assert.throws(() => fgsm(model, tensor([1, 2, 3]), labels, { epsilon: 0.1 }), /fgsm: inputs must be a batch \[N, …\], got shape \[3\]/);
  });
});

describe("gaussianBlur", () => {
  it("spreads an impulse into the normalised Gaussian, channel by channel", () => {
    const impulse = new Float32Array(2 * 49);
    impulse[24] = 1; // the centre of channel 0; channel 1 stays zero
    const blurred = gaussianBlur(new Tensor(impulse, [1, 2, 7, 7]), 0.8);
    assertShape(blurred, [1, 2, 7, 7]);
    const g = (d: number) => Math.exp(-(d * d) / (2 * 0.8 * 0.8));
    const norm = [-3, -2, -1, 0, 1, 2, 3].reduce((s, d) => s + g(d), 0);
    const expected = Array.from({ length: 49 }, (_, i) => (g(Math.floor(i / 7) - 3) * g((i % 7) - 3)) / (norm * norm));
    assertClose(Array.from(blurred.values.subarray(0, 49)), expected, { atol: 1e-6 });
    assert.ok(blurred.values.subarray(49).every((v) => v === 0));
  });
});

describe("on the trained LeNet-5", () => {
  let model: nn.Sequential;
  before(async () => {
    model = await trainedLenet();
  });

  // Measured on the first 100 correctly classified test digits (success = the answer changed), and
  // the same figures from PyTorch on the same weights and digits (test/fixtures/fixtures_viz.py):
  //   ε (raw pixels)             0.1    0.2
  //   FGSM                       19%    63%
  //   iterative FGSM (10 steps)  49%    93%
  // The issue asks for ≥ 90% at ε = 0.1; this LeNet-5 resists that under PyTorch's attack as well as
  // ours (100 steps reach 53% there; with label smoothing and shifted digits, 57%), so what is
  // checked is that our attacks flip the digits PyTorch's flip.
  it("FGSM and iterative FGSM flip the digits PyTorch's flip: at ε = 0.1 19% and 49%, at ε = 0.2 63% and 93%", async () => {
    const { x, y, indices } = await correctDigits(model, 100);
    assert.deepEqual(indices, attacks.indices, "the same 100 digits as PyTorch's");
    for (const expected of attacks.attacks) {
      const epsilon = expected.epsilon / 0.3081; // in normalised units
      const oneStep = fgsm(model, x, y, { epsilon, ...PIXEL_RANGE }).flipped;
      const iterative = iterativeFgsm(model, x, y, { epsilon, ...PIXEL_RANGE }).flipped;
      // A gradient component within float rounding of 0 can take the other sign: allow 2 digits of 100.
      const disagreements = (ours: boolean[], theirs: boolean[]) => ours.filter((f, i) => f !== theirs[i]).length;
      assert.ok(disagreements(oneStep, expected.fgsm) <= 2, `ε = ${expected.epsilon}, FGSM: ${disagreements(oneStep, expected.fgsm)} digits differ from PyTorch`);
      assert.ok(disagreements(iterative, expected.iterative) <= 2, `ε = ${expected.epsilon}, iterative: ${disagreements(iterative, expected.iterative)} digits differ from PyTorch`);
    }
    const [small, large] = adversarialTable(model, x, y, [0.1, 0.2].map((raw) => raw / 0.3081), PIXEL_RANGE);
    assert.equal(small.correct, 100);
    assert.ok(large.iterativeSuccess >= 0.9 && small.iterativeSuccess > small.fgsmSuccess + 0.2, `iterative ${small.iterativeSuccess} then ${large.iterativeSuccess}, one-step ${small.fgsmSuccess}`);
    const { adversarial } = iterativeFgsm(model, x, y, { epsilon: 0.1 / 0.3081, ...PIXEL_RANGE });
    const furthest = adversarial.sub(x).abs().max().values[0];
    assert.ok(furthest <= 0.1 / 0.3081 + 1e-5, `moved ${furthest} > ε`);
    assert.ok(adversarial.min().values[0] >= PIXEL_RANGE.clampMin - 1e-6 && adversarial.max().values[0] <= PIXEL_RANGE.clampMax + 1e-6);
  });

  // measured probabilities, digits 0–9: 1.000 for each (to 3 decimals)
  it("makes class-model images its digits with probability ≥ 0.99, for all ten", () => {
    for (let digit = 0; digit < 10; digit++) {
      const { image, probability } = classModel(model, digit, { inputShape: [1, 28, 28], ...PIXEL_RANGE });
      assertShape(image, [1, 28, 28]);
      assert.ok(probability >= 0.99, `digit ${digit}: probability ${probability}`);
      assert.ok(image.min().values[0] >= PIXEL_RANGE.clampMin - 1e-6 && image.max().values[0] <= PIXEL_RANGE.clampMax + 1e-6);
    }
  });

  it("refuses a class the model does not have and an input shape that is not [C, H, W]", () => {
    assert.throws(() => classModel(model, 10, { inputShape: [1, 28, 28] }), /classModel: targetClass 10 is out of range for a model with 10 classes/);
    assert.throws(() => classModel(model, 1, { inputShape: [28, 28] }), /classModel: inputShape must be the \[C, H, W\] of one image, got \[28, 28\]/);
    assert.throws(() => classModel(model, 1, { inputShape: [1, 28, 28], blurSigma: 0 }), /classModel: blurSigma must be a positive number of pixels, got 0/);
  });
});
