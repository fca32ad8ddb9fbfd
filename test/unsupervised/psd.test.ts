import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, optim, randn, tensor } from "../../src/index.js";
import { greyPatches } from "../../src/data/natural-images.js";
import { ZcaWhitening } from "../../src/unsupervised/pca/index.js";
import { Psd, TanhEncoder } from "../../src/unsupervised/psd/index.js";
import { SparseCoding } from "../../src/unsupervised/sparse-coding/index.js";
import { assertClose } from "../helpers.js";
import { loadFixture, type LassoFixture } from "./sparse-coding-fixture.js";

const fixture = loadFixture<LassoFixture>("lasso.json");
const signals = tensor(fixture.signals);

function fixturePsd(alpha: number): Psd {
  return new Psd(SparseCoding.fromDictionary(tensor(fixture.dictionary), fixture.lambda), new TanhEncoder(8, 12), { alpha, iterations: 1500 });
}

describe("PSD", () => {
  it("energy = sparse-coding energy + ½α‖z − D·tanh(W_e y + b)‖²", () => {
    const psd = fixturePsd(0.5);
    const z = randn([5, 12], { generator: new Generator(1) });
    const prediction = psd.forward(signals);
    const misfit = z.sub(prediction).square().sum(1).mul(0.25);
    assertClose(psd.energy(signals, z), psd.coder.energy(signals, z).add(misfit), { rtol: 1e-5 });
  });

  it("with α = 0 infers scikit-learn's lasso codes from the encoder's warm start; with α > 0 its Z* is a minimum of the whole energy", () => {
    assertClose(fixturePsd(0).infer(signals), fixture.codes.flat(), { atol: 2e-4 });
    const psd = fixturePsd(2);
    const z = psd.infer(signals);
    const at = psd.energy(signals, z).sum().itemSync();
    const generator = new Generator(2);
    for (let trial = 0; trial < 5; trial++) {
      const nudged = z.add(randn(z.shape, { generator, std: 0.01 }));
      assert.ok(psd.energy(signals, nudged).sum().itemSync() > at, "a nudged code has lower energy than Z*");
    }
    // the pull towards the prediction moves the code away from the plain lasso solution
    assert.ok(z.sub(tensor(fixture.codes)).abs().max().itemSync() > 1e-2);
  });

  it("learns on whitened mandrill patches: the encoder comes to predict the inferred codes", () => {
    const x = greyPatches(6, 500, { seed: 3 });
    const y = ZcaWhitening.fit(x, 0.05).transform(x);
    const psd = new Psd(new SparseCoding(36, 48, { lambda: 0.5, seed: 1 }), new TanhEncoder(36, 48), { alpha: 1, iterations: 30 });
    const optimizer = new optim.Adam(psd.parameters(), { lr: 0.01 });
    const first = psd.learningStep(y, optimizer);
    let last = first;
    for (let step = 0; step < 40; step++) last = psd.learningStep(y, optimizer);
    assert.ok(last.energy < 0.8 * first.energy, `energy ${first.energy.toFixed(3)} → ${last.energy.toFixed(3)}`);
    assert.ok(last.predictionError < 0.6 * first.predictionError, `relative prediction error ${first.predictionError.toFixed(3)} → ${last.predictionError.toFixed(3)}`);
    assert.ok(last.activeFraction < 0.5, `active fraction ${last.activeFraction}`);
    // the atoms stay unit-norm
    assertClose(psd.coder.weight.square().sum(1), new Array(48).fill(1), { rtol: 1e-4 });
  });

  it("rejects α < 0 by name", () => {
    assert.throws(() => fixturePsd(-1), /Psd: alpha \(the weight of the prediction term\) must be a finite number ≥ 0, got -1/);
  });
});
