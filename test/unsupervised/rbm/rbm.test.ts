/** RBM energy, free energy and conditionals checked against brute-force sums over every hidden code. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rand, randn, tensor } from "../../../src/index.js";
import { Generator, type Tensor } from "../../../src/tensor/index.js";
import { freeEnergyOfDiscrete } from "../../../src/unsupervised/energy.js";
import { allBinaryStates, BinaryRBM, GaussianRBM, type RBM } from "../../../src/unsupervised/rbm/index.js";
import { assertClose, assertShape } from "../../helpers.js";
import { tinyBinary, tinyGaussian } from "./tiny-rbm.js";

/** E(v_n, h_k) for every sample n and every hidden code k: [N, 2^hidden]. */
function energiesOfEveryCode(rbm: RBM, v: Tensor): { energies: Tensor; codes: Tensor } {
  const codes = allBinaryStates(rbm.hidden);
  const rows: number[] = [];
  for (let n = 0; n < v.shape[0]; n++) {
    const vn = v.narrow(0, n, 1).expand([codes.shape[0], rbm.visible]);
    rows.push(...rbm.energy(vn, codes).values);
  }
  return { energies: tensor(Float32Array.from(rows), [v.shape[0], codes.shape[0]]), codes };
}

const cases: [string, RBM, Tensor][] = [
  ["binary", tinyBinary(5, 4), rand([3, 5], { generator: new Generator(1) }).round()],
  ["gaussian", tinyGaussian(5, 4), randn([3, 5], { generator: new Generator(2) })],
];

describe("RBM energy and free energy", () => {
  for (const [kind, rbm, v] of cases) {
    it(`${kind}: F_β(v) equals −(1/β) log Σ_h exp(−β E(v, h)) summed over all 16 codes, for β = 1, 2.5 and ∞`, () => {
      const { energies } = energiesOfEveryCode(rbm, v);
      for (const beta of [1, 2.5, Infinity]) {
        assertClose(rbm.freeEnergy(v, beta), freeEnergyOfDiscrete(energies, beta), { rtol: 1e-5, atol: 1e-5, message: `β = ${beta}` });
      }
    });

    it(`${kind}: infer(v) is the code of least energy, and p(h_j = 1 | v) is the Boltzmann-weighted share of codes with h_j = 1`, () => {
      const { energies, codes } = energiesOfEveryCode(rbm, v);
      const best = energies.argmin(1);
      assertClose(rbm.infer(v), codes.indexSelect(0, best));
      const weights = energies.neg().softmax(1);
      assertClose(rbm.hiddenProbabilities(v), weights.matmul(codes), { rtol: 1e-4, atol: 1e-6 });
    });
  }

  it("binary: energy(v, h) is −bᵀv − cᵀh − vᵀWᵀh written out by hand", () => {
    const rbm = new BinaryRBM(2, 1);
    rbm.weight.values.set([0.5, -1]);
    rbm.visibleBias.values.set([0.25, 2]);
    rbm.hiddenBias.values.set([-0.75]);
    // v = (1, 1), h = 1: −(0.25 + 2) − (−0.75) − (0.5 − 1) = −1
    assertClose(rbm.energy(tensor([[1, 1]]), tensor([[1]])), [-1]);
    // F(v) = −2.25 − softplus(−0.75 − 0.5)
    assertClose(rbm.freeEnergy(tensor([[1, 1]])), [-2.25 - Math.log1p(Math.exp(-1.25))]);
  });

  it("gaussian: E[v | h] = b + Wᵀh and the visible energy is ½‖v − b‖²", () => {
    const rbm = tinyGaussian(3, 2);
    const h = tensor([[1, 0], [1, 1]]);
    const W = rbm.weight.toArray() as number[][];
    const b = [...rbm.visibleBias.values];
    const expected = [[0, 1, 2].map((i) => b[i] + W[0][i]), [0, 1, 2].map((i) => b[i] + W[0][i] + W[1][i])];
    assertClose(rbm.visibleMean(h), expected.flat());
    assertClose(rbm.visibleEnergy(tensor([b])), [0], { atol: 1e-7 });
  });

  it("is a Module: parameters in the state dict, weight laid out as Linear's [hidden, visible], forward = p(h | v)", () => {
    const rbm = new GaussianRBM(6, 3);
    assert.deepEqual(rbm.namedParameters().map(([n]) => n), ["weight", "visibleBias", "hiddenBias"]);
    assertShape(rbm.weight, [3, 6]);
    assert.ok(Math.abs(rbm.weight.std().itemSync() - 0.01) < 0.005, "weights start at 0.01·N(0, 1)");
    const v = randn([4, 6]);
    assertClose(rbm.forward(v), rbm.hiddenProbabilities(v));
    assert.deepEqual(rbm.energyShaping, ["contrastive-divergence"]);
  });

  it("refuses a layer of fewer than one unit, and a non-positive β", () => {
    assert.throws(() => new BinaryRBM(784, 0), /BinaryRBM: hidden must be a positive integer \(the number of hidden units\), got 0/);
    assert.throws(() => new GaussianRBM(2.5, 3), /GaussianRBM: visible must be a positive integer/);
    assert.throws(() => tinyBinary(2, 2).freeEnergy(tensor([[0, 1]]), 0), /beta must be positive/);
  });
});
