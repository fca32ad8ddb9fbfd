import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, models, randn, tensor } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { countOf, sgdLosses } from "./fixture.js";

describe("LeNet-5", () => {
  it("has 61,706 parameters: 156 + 2,416 + 48,120 + 10,164 + 850", () => {
    // conv 6@5×5 on 1: 6·25 + 6; conv 16@5×5 on 6: 16·150 + 16; Linear 400→120, 120→84, 84→10
    assert.equal(countOf(models.lenet5()), (6 * 25 + 6) + (16 * 150 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10));
    assert.equal(countOf(models.lenet5()), 61_706);
    assert.equal(countOf(models.lenet5({ numClasses: 5 })), 61_706 - 850 + 84 * 5 + 5);
  });

  it("maps a batch of 28×28 images to 10 scores each", () => {
    assertShape(models.lenet5().forward(randn([3, 1, 28, 28])), [3, 10]);
    assertShape(models.lenet5({ numClasses: 4 }).forward(randn([2, 1, 28, 28])), [2, 4]);
  });

  it("is one Sequential in the issue's order (its layers can be sliced and reused)", () => {
    const types = [...models.lenet5()].map((m) => m.constructor.name);
    assert.deepEqual(types, ["Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear", "ReLU", "Linear"]);
    assert.deepEqual(models.lenet5().namedParameters().map(([name]) => name), [
      "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias", "11.weight", "11.bias",
    ]);
  });

  it("has a classic variant with tanh and average pooling, same shapes and count", () => {
    const classic = models.lenet5({ classic: true });
    assert.deepEqual([...classic].map((m) => m.constructor.name).filter((n) => n !== "Conv2d" && n !== "Linear"), [
      "Tanh", "AvgPool2d", "Tanh", "AvgPool2d", "Flatten", "Tanh", "Tanh",
    ]);
    assert.equal(countOf(classic), 61_706);
    assertShape(classic.forward(randn([2, 1, 28, 28])), [2, 10]);
  });

  it("learns: a few SGD steps fit a small batch", () => {
    manualSeed(3);
    const net = models.lenet5();
    const x = randn([8, 1, 28, 28]);
    const y = tensor(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
    const losses = sgdLosses(net, x, y, { lr: 0.05, steps: 30 });
    assert.ok(losses[29] < 0.1 * losses[0], `loss ${losses[0]} → ${losses[29]}`);
  });

  it("takes a width multiplier and dropout for search, and at their defaults is the same network, weight for weight", () => {
    manualSeed(5);
    const plain = models.lenet5().stateDict();
    manualSeed(5);
    const defaults = models.lenet5({ width: 1, dropout: 0 }).stateDict();
    assert.deepEqual([...defaults.keys()], [...plain.keys()]);
    for (const [name, t] of plain) assert.deepEqual(Array.from(defaults.get(name)!.values), Array.from(t.values), name);
    // widths 12, 32, 240, 168
    assert.equal(countOf(models.lenet5({ width: 2 })), (12 * 25 + 12) + (32 * 12 * 25 + 32) + (800 * 240 + 240) + (240 * 168 + 168) + (168 * 10 + 10));
    const dropped = models.lenet5({ dropout: 0.25 });
    assert.deepEqual([...dropped].map((m) => m.constructor.name).slice(7), ["Linear", "ReLU", "Dropout", "Linear", "ReLU", "Dropout", "Linear"]);
    assert.equal(countOf(dropped), 61_706);
    assertShape(models.lenet5({ width: 1.5, dropout: 0.1 }).forward(randn([2, 1, 28, 28])), [2, 10]);
    assert.throws(() => models.lenet5({ width: 0 }), /lenet5: width must be a positive multiplier, got 0/);
    assert.throws(() => models.lenet5({ dropout: 2 }), /lenet5: dropout must be a probability in \[0, 1\], got 2/);
  });

  it("checks numClasses", () => {
    assert.throws(() => models.lenet5({ numClasses: 0 }), /lenet5: numClasses must be a positive integer, got 0/);
  });
});
