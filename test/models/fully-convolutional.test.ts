import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { index, manualSeed, nn, noGrad, randn } from "../../src/index.js";
import { fullyConvolutional, lenet5 } from "../../src/models/index.js";
import { assertClose, assertShape } from "../helpers.js";

/** LeNet-5 with unpadded convolutions: 28 → 24 → 12 → 8 → 4, so the classifier sees 16×4×4. */
function validLenet(): nn.Sequential {
  return new nn.Sequential(
    new nn.Conv2d(1, 6, 5), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(6, 16, 5), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(16 * 4 * 4, 120), new nn.ReLU(),
    new nn.Linear(120, 84), new nn.ReLU(),
    new nn.Linear(84, 10),
  );
}

describe("fully convolutional evaluation (OverFeat style)", () => {
  it("gives, in one pass over a larger image, the scores of the net slid over it with its total stride", () => {
    manualSeed(4);
    const net = validLenet().eval();
    const fcn = fullyConvolutional(net, [1, 28, 28]).eval();
    const image = randn([2, 1, 40, 36]);
    const map = noGrad(() => fcn.forward(image));
    // the two 2×2 pools give a total stride of 4: (40 − 28)/4 + 1 = 4 rows, (36 − 28)/4 + 1 = 3 columns
    assertShape(map, [2, 10, 4, 3]);
    noGrad(() => {
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 3; j++) {
          const window = index(image, null, null, [4 * i, 4 * i + 28], [4 * j, 4 * j + 28]);
          const slid = net.forward(window);
          assertClose(index(map, null, null, i, j), slid, { rtol: 1e-4, atol: 1e-5, message: `position (${i}, ${j})` });
        }
      }
    });
  });

  it("on the training size, equals the original network", () => {
    manualSeed(5);
    const net = lenet5().eval();
    const fcn = fullyConvolutional(net, [1, 28, 28]).eval();
    const x = randn([3, 1, 28, 28]);
    noGrad(() => assertClose(fcn.forward(x).reshape([3, 10]), net.forward(x), { rtol: 1e-4, atol: 1e-5 }));
  });

  it("shares the feature layers and copies the classifier into convolutions", () => {
    const net = validLenet();
    const fcn = fullyConvolutional(net, [1, 28, 28]);
    assert.equal(fcn.at(0), net.at(0), "feature layers are reused, not copied");
    const first = fcn.at(6) as nn.Conv2d; // the Flatten is gone, so the classifier starts at 6
    assert.ok(first instanceof nn.Conv2d);
    assertShape(first.weight, [120, 16, 4, 4]);
    assertShape((fcn.at(8) as nn.Conv2d).weight, [84, 120, 1, 1]);
  });

  it("explains a model it cannot convert", () => {
    assert.throws(() => fullyConvolutional(new nn.Sequential(new nn.Linear(4, 2)), [1, 2, 2]), /no Flatten layer/);
    const wrong = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.Flatten(), new nn.Linear(10, 2));
    assert.throws(() => fullyConvolutional(wrong, [1, 5, 5]), /Linear\(10, 2\) follows features of shape \[2, 3, 3\] \(18 values\)/);
  });
});
