/** A Gaussian–binary RBM trained by CD-1 on real-valued data learns its clusters: lower free energy on them than between them. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { randn, tensor } from "../../../src/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { ContrastiveDivergence, GaussianRBM } from "../../../src/unsupervised/rbm/index.js";

describe("Gaussian–binary RBM", () => {
  it("CD-1 on two standardised clusters lowers the reconstruction error and puts the free energy's minima on the clusters", async () => {
    const generator = new Generator(8);
    const centres = tensor([[1, 1, -1, -1], [-1, -1, 1, 1]]);
    const data = centres.unsqueeze(0).expand([200, 2, 4]).reshape([400, 4]).add(randn([400, 4], { std: 0.3, generator }));
    const rbm = new GaussianRBM(4, 8, { generator });
    const trainer = new ContrastiveDivergence(rbm, { lr: 0.01, generator });
    const first = await trainer.trainEpoch(data, 1, 20);
    let last = first;
    for (let epoch = 2; epoch <= 40; epoch++) last = await trainer.trainEpoch(data, epoch, 20);
    assert.ok(last < 0.5 * first, `reconstruction error ${first} → ${last}`);
    const onClusters = rbm.freeEnergy(centres).mean().itemSync();
    const between = rbm.freeEnergy(tensor([[1, -1, 1, -1], [-1, 1, -1, 1]])).mean().itemSync();
    assert.ok(onClusters < between - 1, `free energy on the clusters ${onClusters}, off them ${between}`);
    await assert.rejects(() => trainer.trainEpoch(tensor([[0, Infinity, 0, 0]]), 41), /every visible value must be a finite number, but sample 0, unit 1 is Infinity/);
  });
});
