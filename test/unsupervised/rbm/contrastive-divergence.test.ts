/** CD statistics by hand and by autograd, the update rule (momentum, weight cost on weights only), learning, and bad input. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor } from "../../../src/index.js";
import { Generator, type Tensor } from "../../../src/tensor/index.js";
import {
  averageLogLikelihood, bernoulliOf, BinaryRBM, cdStatistics, ContrastiveDivergence, exactLogPartition, gibbsFromHidden, pseudoLogLikelihood,
} from "../../../src/unsupervised/rbm/index.js";
import { assertClose } from "../../helpers.js";
import { tinyBinary } from "./tiny-rbm.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Two patterns (and their repeats): a distribution an RBM with a few hidden units can learn almost exactly. */
function twoPatterns(copies: number): Tensor {
  const rows: number[][] = [];
  for (let i = 0; i < copies; i++) rows.push([1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]);
  return tensor(rows);
}

describe("contrastive divergence", () => {
  it("the statistics of a 2×1 RBM match a hand computation", () => {
    const rbm = new BinaryRBM(2, 1);
    rbm.weight.values.set([1, -2]);
    rbm.hiddenBias.values.set([0.5]);
    const data = tensor([[1, 0], [1, 1]]);
    const model = tensor([[0, 1]]);
    const phase = (v: Tensor) => ({ visible: v, hiddenProbabilities: rbm.hiddenProbabilities(v) });
    const stats = cdStatistics(phase(data), phase(model));
    // p(h|v): σ(0.5 + 1) for (1,0); σ(0.5 + 1 − 2) for (1,1); σ(0.5 − 2) for the model's (0,1).
    const [p1, p2, pm] = [sigmoid(1.5), sigmoid(-0.5), sigmoid(-1.5)];
    assertClose(stats.weight, [(p1 + p2) / 2 - 0, p2 / 2 - pm]);
    assertClose(stats.visibleBias, [1 - 0, 0.5 - 1]);
    assertClose(stats.hiddenBias, [(p1 + p2) / 2 - pm]);
  });

  it("the statistics are minus the autograd gradient of mean F(data) − mean F(negatives)", () => {
    const rbm = tinyBinary(6, 4);
    const data = bernoulliOf(tensor([[0.3, 0.9, 0.5, 0.1, 0.7, 0.5], [0.8, 0.2, 0.5, 0.5, 0.4, 0.6], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]]), new Generator(3));
    const negatives = bernoulliOf(tensor([[0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.9, 0.1, 0.9, 0.1, 0.9, 0.1]]), new Generator(4));
    rbm.freeEnergy(data).mean().sub(rbm.freeEnergy(negatives).mean()).backward();
    const phase = (v: Tensor) => ({ visible: v, hiddenProbabilities: rbm.hiddenProbabilities(v).detach() });
    const stats = cdStatistics(phase(data), phase(negatives));
    assertClose(stats.weight, rbm.weight.grad!.neg(), { atol: 1e-6 });
    assertClose(stats.visibleBias, rbm.visibleBias.grad!.neg(), { atol: 1e-6 });
    assertClose(stats.hiddenBias, rbm.hiddenBias.grad!.neg(), { atol: 1e-6 });
  });

  it("one CD-2 step moves W by lr·(stats − weightCost·W) and the biases by lr·stats, with the negative phase replayed from the same generator state", () => {
    const rbm = tinyBinary(6, 3);
    const generator = new Generator(11);
    const replay = new Generator(0);
    replay.setState(generator.getState());
    const batch = twoPatterns(2);
    const before = { w: rbm.weight.detach().mul(1), b: rbm.visibleBias.detach().mul(1), c: rbm.hiddenBias.detach().mul(1) };
    const positive = { visible: batch, hiddenProbabilities: rbm.hiddenProbabilities(batch).detach() };
    const h0 = bernoulliOf(positive.hiddenProbabilities, replay);
    const negativeVisible = gibbsFromHidden(rbm, h0, 2, replay);
    const stats = cdStatistics(positive, { visible: negativeVisible, hiddenProbabilities: rbm.hiddenProbabilities(negativeVisible).detach() });

    const trainer = new ContrastiveDivergence(rbm, { k: 2, lr: 0.1, weightDecay: 0.01, generator });
    trainer.step(batch);
    assertClose(rbm.weight, before.w.add(stats.weight.sub(before.w.mul(0.01)).mul(0.1)), { atol: 1e-6 });
    assertClose(rbm.visibleBias, before.b.add(stats.visibleBias.mul(0.1)), { atol: 1e-6 });
    assertClose(rbm.hiddenBias, before.c.add(stats.hiddenBias.mul(0.1)), { atol: 1e-6 });
  });

  it("momentum is 0.5 up to the switch epoch and 0.9 after it, as the practical guide sets it", () => {
    const trainer = new ContrastiveDivergence(new BinaryRBM(4, 2));
    trainer.setEpoch(5);
    assert.deepEqual(trainer.optimizer.paramGroups.map((g) => g.momentum), [0.5, 0.5]);
    trainer.setEpoch(6);
    assert.deepEqual(trainer.optimizer.paramGroups.map((g) => g.momentum), [0.9, 0.9]);
    assert.deepEqual(trainer.optimizer.paramGroups.map((g) => g.weightDecay), [2e-4, 0], "weight cost on W only");
  });

  // PCD's chains on this two-mode toy chase the energy it raises; with the guide's 0.1 and momentum 0.9
  // it oscillates (log-likelihood −1.7 … −24 across epochs), so it runs at lr 0.05 and momentum 0.5.
  // Measured after 60 epochs over seeds 1, 2, 3, 5: −2.33, −0.97, −0.81, −0.96.
  const modes = [
    { name: "CD-1", options: { lr: 0.1 }, floor: -1.2 },
    { name: "PCD", options: { lr: 0.05, finalMomentum: 0.5, persistent: true }, floor: -2.5 },
  ];
  for (const { name, options, floor } of modes) {
    it(`${name} raises the exact log-likelihood of a two-pattern distribution from log 1/64 towards its optimum log ½`, async () => {
      const generator = new Generator(5);
      const rbm = new BinaryRBM(6, 4, { generator });
      const data = twoPatterns(50);
      const initial = averageLogLikelihood(rbm, data, exactLogPartition(rbm));
      const trainer = new ContrastiveDivergence(rbm, { ...options, generator });
      let error = Infinity;
      for (let epoch = 1; epoch <= 60; epoch++) error = await trainer.trainEpoch(data, epoch, 10);
      const trained = averageLogLikelihood(rbm, data, exactLogPartition(rbm));
      assert.ok(initial < -4, `an untrained RBM spreads its mass over all 64 states: ${initial}`);
      assert.ok(trained > floor, `trained log-likelihood ${trained} should be above ${floor} (log ½ = −0.69)`);
      assert.ok(error < 1, `reconstruction error per sample ${error}`);
      assert.ok(pseudoLogLikelihood(rbm, data, generator) > 2 * floor);
      if (options.persistent) assert.equal(trainer.chains!.shape[0], 10, "the persistent chains keep one state per batch row");
    });
  }

  it("refuses k < 1, non-binary data (naming the sample, unit and value), NaN, and data of the wrong width", async () => {
    const rbm = new BinaryRBM(3, 2);
    assert.throws(() => new ContrastiveDivergence(rbm, { k: 0 }), /k \(Gibbs steps per update\) must be an integer ≥ 1, got 0/);
    const trainer = new ContrastiveDivergence(rbm);
    await assert.rejects(() => trainer.trainEpoch(tensor([[0, 1, 1], [1, 0.5, 0]]), 1), /every visible value must be 0 or 1, but sample 1, unit 1 is 0\.5; binarise it first/);
    await assert.rejects(() => trainer.trainEpoch(tensor([[0, NaN, 1]]), 1), /the data holds NaN at sample 0, unit 1/);
    await assert.rejects(() => trainer.trainEpoch(tensor([[0, 1]]), 1), /expected visible data of shape \[N, 3\].*got \[1, 2\]/);
    const grey = new ContrastiveDivergence(rbm, { probabilities: true });
    await assert.doesNotReject(() => grey.trainEpoch(tensor([[0, 0.5, 1]]), 1));
    await assert.rejects(() => grey.trainEpoch(tensor([[0, 1.5, 1]]), 1), /must be a probability in \[0, 1\], but sample 0, unit 1 is 1\.5/);
  });
});
