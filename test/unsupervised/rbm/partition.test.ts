/** log Z exactly (two enumerations agree with the double sum), AIS within a tenth of a nat of it, and the one-flip pseudo-likelihood estimate against the exact one. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logsumexp, tensor } from "../../../src/index.js";
import { Generator } from "../../../src/tensor/index.js";
import {
  aisSchedule, allBinaryStates, annealedLogPartition, averageLogLikelihood, BinaryRBM, dataLogOdds, exactLogPartition, pseudoLogLikelihood,
} from "../../../src/unsupervised/rbm/index.js";
import { assertClose } from "../../helpers.js";
import { tinyBinary } from "./tiny-rbm.js";

/** log Σ_{v,h} exp(−E(v, h)) over every pair, the definition itself. */
function doubleSum(rbm: BinaryRBM): number {
  const v = allBinaryStates(rbm.visible);
  const h = allBinaryStates(rbm.hidden);
  const pairsV = v.unsqueeze(1).expand([v.shape[0], h.shape[0], rbm.visible]).reshape([-1, rbm.visible]);
  const pairsH = h.unsqueeze(0).expand([v.shape[0], h.shape[0], rbm.hidden]).reshape([-1, rbm.hidden]);
  return logsumexp(rbm.energy(pairsV, pairsH).neg().double(), 0).itemSync();
}

describe("partition function", () => {
  it("exactLogPartition enumerating the hidden layer, or the visible one, equals the double sum over (v, h)", () => {
    for (const rbm of [tinyBinary(7, 5, 1), tinyBinary(5, 7, 2)]) {
      assertClose(exactLogPartition(rbm), doubleSum(rbm), { rtol: 1e-5 });
    }
  });

  it("the exact log-likelihoods of all 2^visible vectors sum to probability one", () => {
    const rbm = tinyBinary(6, 9, 3);
    const logZ = exactLogPartition(rbm);
    const all = allBinaryStates(6);
    const total = rbm.freeEnergy(all).neg().sub(logZ).exp().sum().itemSync();
    assertClose(total, 1, { rtol: 1e-4 });
    assertClose(averageLogLikelihood(rbm, all, logZ), rbm.freeEnergy(all).neg().mean().itemSync() - logZ);
  });

  it("AIS with 100 runs estimates log Z of a 40-visible, 10-hidden RBM within 0.1 nats of the exact sum over its 2^10 hidden codes", async () => {
    const rbm = tinyBinary(40, 10, 4, 0.5);
    const exact = exactLogPartition(rbm);
    const data = tensor(Array.from({ length: 50 }, (_, i) => Array.from({ length: 40 }, (_, j) => ((i * 7 + j * 3) % 5 === 0 ? 1 : 0))));
    const ais = await annealedLogPartition(rbm, { runs: 100, betas: aisSchedule(2900), baseBiases: dataLogOdds(data), generator: new Generator(9) });
    assert.ok(Math.abs(ais.logPartition - exact) < 0.1, `AIS ${ais.logPartition} vs exact ${exact}`);
    assert.ok(ais.high >= ais.logPartition && ais.logPartition >= ais.low);
    assert.equal(ais.logEstimates.length, 100);
  });

  it("the paper's schedule: 14,500 intermediate distributions, spaced 1e-3 to 0.5, 1e-4 to 0.9, 1e-5 to 1", () => {
    const betas = aisSchedule();
    assert.equal(betas.length, 14_501);
    assertClose([betas[1], betas[501] - betas[500], betas[4501] - betas[4500], betas[14_500] - betas[14_499]], [1e-3, 1e-4, 1e-5, 1e-5], { rtol: 1e-6 });
    assert.deepEqual([betas[0], betas[500], betas[4500], betas[14_500]], [0, 0.5, 0.9, 1]);
    assert.throws(() => aisSchedule(10), /intermediate must be an integer ≥ 29/);
  });

  it("the one-flip pseudo-log-likelihood averages to the exact Σ_i log p(v_i | v_−i)", () => {
    const rbm = tinyBinary(8, 5, 6);
    const v = tensor([[1, 0, 1, 1, 0, 0, 1, 0]]);
    let exact = 0;
    for (let i = 0; i < 8; i++) {
      const flipped = tensor([[...v.values].map((x, j) => (j === i ? 1 - x : x))]);
      exact -= Math.log1p(Math.exp(rbm.freeEnergy(v).itemSync() - rbm.freeEnergy(flipped).itemSync()));
    }
    const repeated = v.expand([20_000, 8]).mul(1);
    assertClose(pseudoLogLikelihood(rbm, repeated, new Generator(2)), exact, { rtol: 0.03 });
    assert.throws(() => pseudoLogLikelihood(rbm, tensor([[1, 0, 1, 1, 0, 0, 1, 0.2]])), /pseudoLogLikelihood: every visible value must be 0 or 1, but sample 0, unit 7 is 0\.2/);
  });
});
