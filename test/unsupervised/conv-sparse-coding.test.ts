import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, optim, randn, tensor, zeros } from "../../src/index.js";
import { ConvSparseCoding, dictionaryStep, shiftedCopyScores } from "../../src/unsupervised/sparse-coding/index.js";
import { assertClose, assertShape } from "../helpers.js";

const generator = new Generator(11);

describe("convolutional sparse coding", () => {
  const coder = new ConvSparseCoding(1, 3, 4, { lambda: 0.1, seed: 2 });

  it("codes are 'full' maps; a unit code at (s−1, s−1) reconstructs its filter in the image's top-left corner", () => {
    const image = zeros([1, 1, 10, 10]);
    const z = coder.zeroCode(image);
    assertShape(z, [1, 3, 13, 13]);
    const unit = z.add(0);
    unit.values[1 * 169 + 3 * 13 + 3] = 1;
    const recon = coder.reconstruct(unit);
    assertShape(recon, [1, 1, 10, 10]);
    const filter = coder.weight.values.subarray(16, 32);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) {
      assertClose(recon.values[i * 10 + j], i < 4 && j < 4 ? filter[i * 4 + j] : 0, { atol: 1e-6 });
    }
  });

  it("the convolution is the adjoint of the transposed convolution: ⟨W_d z, r⟩ = ⟨z, W_dᵀ r⟩", () => {
    const z = randn([2, 3, 13, 13], { generator });
    const r = randn([2, 1, 10, 10], { generator });
    assertClose(coder.reconstruct(z).mul(r).sum().itemSync(), z.mul(coder.adjoint(r)).sum().itemSync(), { rtol: 1e-4 });
  });

  it("ISTA's energy never rises on images, and learning lowers it", () => {
    const images = randn([4, 1, 12, 12], { generator });
    const energies: number[] = [];
    coder.infer(images, { method: "ista", iterations: 40, onIteration: (_, z) => energies.push(coder.energy(images, z).sum().itemSync()) });
    energies.forEach((e, i) => i > 0 && assert.ok(e <= energies[i - 1] + 1e-4, `energy rose at iteration ${i + 1}`));
    const learner = new ConvSparseCoding(1, 3, 4, { lambda: 0.1, seed: 2 });
    const optimizer = new optim.Adam(learner.parameters(), { lr: 0.02 });
    const first = dictionaryStep(learner, images, optimizer, { iterations: 30 }).energy;
    let last = first;
    for (let i = 0; i < 20; i++) last = dictionaryStep(learner, images, optimizer, { iterations: 30 }).energy;
    assert.ok(last < 0.9 * first, `energy ${first} → ${last}`);
    assertClose(learner.weight.square().sum([1, 2, 3]), [1, 1, 1], { rtol: 1e-4 });
  });

  it("rejects NaN images and the wrong number of channels by name", () => {
    const bad = zeros([1, 1, 5, 5]);
    bad.values[2] = NaN;
    assert.throws(() => coder.infer(bad), /ConvSparseCoding: y holds NaN at element 2/);
    assert.throws(() => coder.infer(zeros([1, 2, 5, 5])), /y must be images \[N, 1, H, W\], got \[1, 2, 5, 5\]/);
    assert.throws(() => new ConvSparseCoding(1, 0, 3), /dictionary is empty or ill-sized/);
  });
});

describe("shiftedCopyScores", () => {
  it("is 1 for a filter and its shifted copy, and the plain |cosine| at zero shift when nothing else matches", () => {
    const blob = [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, -1, 0, 0, 0, 0, 0];
    const shifted = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, -1, 0, 0]; // one row down, one column left
    const bank = tensor([blob, shifted, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]).reshape([3, 1, 4, 4]);
    const scores = shiftedCopyScores(bank);
    assertClose(scores.values[0], 1, { atol: 1e-6 });
    assertClose(scores.values[1], 1, { atol: 1e-6 });
    // the corner delta matches each blob pixel at some shift: the best is the largest |pixel| / ‖blob‖ = 3/√15
    assertClose(scores.values[2], 3 / Math.sqrt(15), { rtol: 1e-5 });
  });
});
