/** models.ensemble (the mean of the members' probabilities) and test-time augmentation (the mean over views). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, nn, noGrad, randn, softmax, tensor, type Tensor } from "../../src/index.js";
import { horizontalFlip, tenCrop } from "../../src/data/index.js";
import { ensemble, lenet5 } from "../../src/models/index.js";
import { evaluate, predictOverViews } from "../../src/train/index.js";
import { assertClose } from "../helpers.js";

/** A "model" that gives these scores whatever its input. */
class Fixed extends nn.Module {
  constructor(readonly scores: Tensor) {
    super();
  }
  forward(): Tensor {
    return this.scores;
  }
}

describe("models.ensemble", () => {
  it("averages the members' softmax probabilities exactly (the output is their log)", () => {
    // softmax [0.25, 0.25, 0.5] and [0.6, 0.2, 0.2]: the mean is [0.425, 0.225, 0.35]
    const a = new Fixed(tensor([[0, 0, Math.log(2)]]));
    const b = new Fixed(tensor([[Math.log(3), 0, 0]]));
    const out = ensemble([a, b]).forward(randn([1, 1, 2, 2]));
    assertClose(softmax(out, 1), [0.425, 0.225, 0.35], { rtol: 1e-6 });
    assertClose(out, [Math.log(0.425), Math.log(0.225), Math.log(0.35)], { rtol: 1e-6 });
    assertClose(ensemble([a, b], { combine: "mean-logits" }).forward(randn([1])), [Math.log(3) / 2, 0, Math.log(2) / 2], { rtol: 1e-6 });
  });

  it("of identical copies equals the one model, and evaluate() takes it like any classifier", () => {
    manualSeed(4);
    const net = lenet5();
    const copies = [net, ...[1, 2].map(() => {
      const copy = lenet5();
      copy.loadStateDict(net.stateDict());
      return copy;
    })];
    const x = randn([6, 1, 28, 28]);
    const group = ensemble(copies);
    group.eval();
    assert.ok(copies.every((m) => !m.training), "eval() reaches every member");
    const [single, combined] = noGrad(() => [softmax(net.forward(x), 1), softmax(group.forward(x), 1)]);
    assertClose(combined, single, { rtol: 1e-5, atol: 1e-7 });
    const y = tensor([0, 1, 2, 3, 4, 5], { dtype: "int32" });
    assert.equal(evaluate(group, [{ x, y }]).accuracy, evaluate(net, [{ x, y }]).accuracy);
    assert.equal(group.parameters().length, 3 * net.parameters().length);
  });

  it("holds its members as children 0, 1, …: eval() reaches them, and their parameters and state are its own", () => {
    const members = [new nn.Sequential(new nn.Linear(3, 2), new nn.Dropout(0.5)), new nn.Sequential(new nn.Linear(3, 2))];
    const both = ensemble(members);
    both.eval();
    assert.equal((members[0].getSubmodule("1") as nn.Module).training, false);
    assert.equal(both.parameters().length, 4);
    assert.deepEqual([...both.stateDict().keys()].sort(), ["0.0.bias", "0.0.weight", "1.0.bias", "1.0.weight"]);
    assert.equal(both.getSubmodule("1"), members[1]);
  });

  it("refuses an empty list, non-modules, an unknown combine, and members whose outputs differ in size", () => {
    assert.throws(() => ensemble([]), /ensemble: give at least one model, got an empty list/);
    assert.throws(() => ensemble([lenet5(), {} as nn.Module]), /ensemble: model 1 is not an nn.Module/);
    assert.throws(() => ensemble([lenet5()], { combine: "vote" as "mean-logits" }), /combine must be "mean-probabilities" or "mean-logits", got "vote"/);
    const mixed = ensemble([lenet5(), lenet5(), lenet5({ numClasses: 4 })]);
    assert.throws(() => mixed.forward(randn([2, 1, 28, 28])), /ensemble: model 2 gave an output of shape \[2, 4\] but model 0 gave \[2, 10\]/);
  });
});

describe("predictOverViews (test-time augmentation)", () => {
  it("with the image alone is the model's softmax, and over views is the mean of each view's, batch by batch", () => {
    manualSeed(5);
    const net = lenet5();
    const x = randn([7, 1, 28, 28]);
    const own = noGrad(() => softmax(net.forward(x), 1));
    assertClose(predictOverViews(net, x, (batch) => [batch]), own, { rtol: 1e-5, atol: 1e-7 });
    const flipped = noGrad(() => softmax(net.forward(horizontalFlip(x)), 1));
    const expected = own.add(flipped).div(2);
    assertClose(predictOverViews(net, x, (batch) => [batch, horizontalFlip(batch)], { batchSize: 3 }), expected, { rtol: 1e-5, atol: 1e-7 });
  });

  it("averages ten crops for a net that takes the crop size", () => {
    manualSeed(6);
    const net = new nn.Sequential(new nn.Conv2d(1, 3, 3), new nn.AdaptiveAvgPool2d(1), new nn.Flatten());
    const x = randn([2, 1, 8, 8]);
    const expected = noGrad(() => tenCrop(x, 6).map((view) => softmax(net.forward(view), 1)).reduce((s, p) => s.add(p)).div(10));
    assertClose(predictOverViews(net, x, (batch) => tenCrop(batch, 6)), expected, { rtol: 1e-5, atol: 1e-7 });
  });

  it("refuses no views, and views whose scores differ in shape", () => {
    const x = randn([2, 1, 4, 4]);
    assert.throws(() => predictOverViews(new nn.Flatten(), x, () => []), /views returned no view of the batch/);
    assert.throws(() => predictOverViews(new nn.Flatten(), x, (b) => [b, tenCrop(b, 2)[0]]), /view 1 gave scores of shape \[2, 4\], view 0 \[2, 16\]/);
    assert.throws(() => predictOverViews(new nn.Flatten(), x, (b) => [b], { batchSize: 0 }), /batchSize must be a positive integer, got 0/);
  });
});
