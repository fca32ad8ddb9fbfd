import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, randn, sum, tensor } from "../../src/index.js";
import { assertShape } from "../helpers.js";

describe("nn.WinnerTakeAll (k-WTA over each sample's features)", () => {
  it("keeps the k largest activations of each sample and zeroes the rest", () => {
    const x = tensor([[0.1, -3, 2, 0.5], [4, 1, -1, 3]]);
    assert.deepEqual(Array.from(new nn.WinnerTakeAll(2).forward(x).values), [0, 0, 2, 0.5, 4, 0, 0, 3]);
    assert.deepEqual(Array.from(new nn.WinnerTakeAll(0).forward(x).values), [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(new nn.WinnerTakeAll(4).forward(x).values), Array.from(x.values));
  });

  it("ranks all axes after the batch together, and lets exactly k win among ties (first in order)", () => {
    const x = tensor([[[1, 5], [5, 2]], [[7, 7], [7, 7]]]);
    const y = new nn.WinnerTakeAll(1).forward(x);
    assertShape(y, [2, 2, 2]);
    assert.deepEqual(Array.from(y.values), [0, 5, 0, 0, 7, 0, 0, 0]);
    assert.deepEqual(Array.from(nn.functional.kWinnersTakeAll(tensor([[NaN, 1, 2]]), 2).values), [0, 1, 2]);
  });

  it("passes the gradient to the winners only", () => {
    const x = tensor([[0.3, 0.9, -0.2], [-1, -2, -0.5]]).requiresGrad_();
    sum(new nn.WinnerTakeAll(2).forward(x).mul(tensor([[1, 2, 3], [4, 5, 6]]))).backward();
    assert.deepEqual(Array.from(x.grad!.values), [1, 2, 0, 4, 0, 6]);
    // away from ties the winners do not change under a small step, so finite differences agree
    assert.equal(gradcheck((v) => new nn.WinnerTakeAll(3).forward(v), [randn([3, 5])]), true);
  });

  it("refuses a k larger than the features and an input without a batch axis", () => {
    assert.throws(() => new nn.WinnerTakeAll(5).forward(randn([2, 2, 2])), /^RangeError: kWinnersTakeAll: k must be an integer from 0 to 4 \(the features per sample of \[2, 2, 2\]\), got 5$/);
    assert.throws(() => new nn.WinnerTakeAll(1).forward(randn([4])), /kWinnersTakeAll: expected a batch \[N, features…\] of at least 2 dimensions, got \[4\]/);
    assert.throws(() => new nn.WinnerTakeAll(-1), /WinnerTakeAll: k \(the winners kept per sample\) must be a non-negative integer, got -1/);
    assert.equal(new nn.WinnerTakeAll(3).toString(), "WinnerTakeAll(k=3)");
  });
});
