import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, optim, randn, tensor } from "../../src/index.js";
import { codePredictionEpoch, Lcod, Lista, relativeCodeError, SparseCoding } from "../../src/unsupervised/sparse-coding/index.js";
import { assertClose } from "../helpers.js";
import { loadFixture, type LassoFixture } from "./sparse-coding-fixture.js";

const fixture = loadFixture<LassoFixture>("lasso.json");
const coder = SparseCoding.fromDictionary(tensor(fixture.dictionary), fixture.lambda);
const signals = tensor(fixture.signals);

describe("LISTA and LCoD", () => {
  it("before training, K-step LISTA is K steps of ISTA from zero, and K-step LCoD is K steps of CoD", () => {
    for (const k of [1, 2, 5]) {
      assertClose(new Lista(coder, k).forward(signals), coder.infer(signals, { method: "ista", iterations: k }), { atol: 1e-5 });
      assertClose(new Lcod(coder, k).forward(signals), coder.cod(signals, k), { atol: 1e-5 });
    }
  });

  it("training brings 2-step LISTA and 4-step LCoD closer to the optimal codes than the iterations they unfold", () => {
    const generator = new Generator(5);
    const y = randn([400, 8], { generator });
    const zStar = coder.infer(y, { iterations: 1000 });
    for (const model of [new Lista(coder, 2), new Lcod(coder, 4)]) {
      const before = relativeCodeError(model.forward(y), zStar);
      const optimizer = new optim.Adam(model.parameters(), { lr: 0.01 });
      for (let epoch = 0; epoch < 15; epoch++) codePredictionEpoch(model, y, zStar, optimizer, { batchSize: 50, generator });
      const after = relativeCodeError(model.forward(y), zStar);
      assert.ok(after < before / 2, `${model.constructor.name}: relative error ${before.toFixed(3)} before training, ${after.toFixed(3)} after`);
    }
  });

  it("rejects K < 1 by name", () => {
    assert.throws(() => new Lista(coder, 0), /Lista: steps \(the number of unfolded iterations K\) must be an integer ≥ 1, got 0/);
    assert.throws(() => new Lcod(coder, 1.5), /Lcod: steps .* got 1.5/);
  });
});
