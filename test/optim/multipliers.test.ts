import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ones, optim, Tensor, zeros } from "../../src/index.js";
import { assertClose } from "../helpers.js";

/** Named parameters shaped like a small network's, all zero. */
function network(): [string, Tensor][] {
  return ["features.0.weight", "features.0.bias", "features.2.weight", "layer1.weight", "layer10.weight", "classifier.weight"].map((name) => [
    name,
    zeros([2], { requiresGrad: true }),
  ]);
}

describe("lrMultipliers", () => {
  it("groups parameters by the longest matching name prefix, on whole dotted segments", () => {
    const named = network();
    const p = Object.fromEntries(named);
    const groups = optim.lrMultipliers(named, 0.1, { features: 0.01, "features.2": 0.1, layer1: 0.5 });
    assert.deepEqual(
      groups.map((g) => ({ lr: g.lr, params: g.params.map((t) => named.find(([, q]) => q === t)![0]) })),
      [
        { lr: 0.1 * 0.01, params: ["features.0.weight", "features.0.bias"] },
        { lr: 0.1 * 0.1, params: ["features.2.weight"] },
        { lr: 0.1 * 0.5, params: ["layer1.weight"] },
        { lr: 0.1, params: ["layer10.weight", "classifier.weight"] },
      ],
    );
    assert.equal(p["layer10.weight"].requiresGrad, true);
  });

  it("freezes parameters with multiplier 0: left out of every group, requiresGrad false", () => {
    const named = network();
    const groups = optim.lrMultipliers(named, 0.1, { features: 0 });
    const grouped = groups.flatMap((g) => g.params);
    for (const [name, t] of named) {
      const frozen = name.startsWith("features");
      assert.equal(grouped.includes(t), !frozen, name);
      assert.equal(t.requiresGrad, !frozen, name);
    }
  });

  it("drives an optimiser: each layer steps at its own rate, and a scheduler keeps the ratios", () => {
    const named = network();
    const opt = new optim.SGD(optim.lrMultipliers(named, 1, { features: 0.01, classifier: 0.1 }), { lr: 1 });
    const scheduler = new optim.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    scheduler.step(); // every group's lr halves
    for (const [, t] of named) t.grad = ones([2]);
    opt.step();
    const moved = Object.fromEntries(named.map(([name, t]) => [name, -t.values[0]]));
    assertClose(
      [moved["features.0.weight"], moved["features.2.weight"], moved["layer1.weight"], moved["classifier.weight"]],
      [0.005, 0.005, 0.5, 0.05],
    );
  });

  it("rejects negative multipliers", () => {
    assert.throws(() => optim.lrMultipliers(network(), 0.1, { features: -1 }), /lrMultipliers: the multiplier of "features" must be a number ≥ 0, got -1/);
  });
});
