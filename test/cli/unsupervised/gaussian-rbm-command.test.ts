/** strata train gaussian-rbm on whitened patches and on digits: spatially coherent filters, a positive free-energy gap, pictures, and an exact resume. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decode } from "fast-png";
import { trainGaussianRbmCommand, type GaussianRbmCommandOptions } from "../../../src/cli/unsupervised/gaussian-rbm-command.js";
import { loadCheckpoint } from "../../../src/io/index.js";
import { randn, type Tensor } from "../../../src/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { JsonlLog } from "../../../src/train/index.js";
import { assertClose } from "../../helpers.js";
import { captureLog } from "./quiet.js";

const dir = mkdtempSync(join(tmpdir(), "strata-gaussian-rbm-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const small: GaussianRbmCommandOptions = { hidden: 32, samples: 2000, testSamples: 500, seed: 3 };

/** Mean over filters [K, side²] of the correlation of horizontally and vertically adjacent weights: ≈ 0 for noise, high for edges and blobs. */
function neighbourCorrelation(weight: Tensor, side: number): number {
  const filters = weight.reshape([weight.shape[0], side, side]);
  const centred = filters.sub(filters.mean([1, 2], true));
  const across = centred.narrow(2, 0, side - 1).mul(centred.narrow(2, 1, side - 1)).sum([1, 2]);
  const down = centred.narrow(1, 0, side - 1).mul(centred.narrow(1, 1, side - 1)).sum([1, 2]);
  return across.add(down).div(centred.square().sum([1, 2]).mul(2)).mean().itemSync();
}

describe("trainGaussianRbmCommand", () => {
  const straight = join(dir, "straight");

  it("learns spatially coherent filters on whitened patches, with held-out data at lower free energy than its shuffled copy", async () => {
    const printed = await captureLog(() => trainGaussianRbmCommand({ ...small, epochs: 8, out: straight }));
    assert.match(printed, /32 Gaussian–binary RBM by CD-1 on mandrill photograph/);
    const log = JsonlLog.read(join(straight, "log.jsonl")) as { reconstructionError: number; testReconstructionError: number; freeEnergyGap: number }[];
    assert.equal(log.length, 8);
    assert.ok(log[7].reconstructionError < 0.9 * log[0].reconstructionError, `reconstruction error ${log[0].reconstructionError} → ${log[7].reconstructionError}`);
    const gaps = log.map((r) => r.freeEnergyGap);
    assert.ok(Math.abs(gaps[0]) < 0.2 && gaps[7] > 0.5, `free-energy gaps ${gaps.map((g) => g.toFixed(2))}: about 0 at first, then data below its shuffled copy`);
    const { model } = await loadCheckpoint(join(straight, "checkpoint"));
    const learned = neighbourCorrelation(model.weight, 8);
    const noise = neighbourCorrelation(randn([32, 64], { generator: new Generator(1) }), 8);
    assert.ok(learned > 0.4 && Math.abs(noise) < 0.1, `neighbour correlation of the filters ${learned}, of noise ${noise}`);
    const filters = decode(readFileSync(join(straight, "filters.png")));
    assert.equal(filters.width, filters.height, "32 tiles in a square grid");
  });

  it("resumes from its checkpoint to the same weights as a run that never stopped", async () => {
    const resumed = join(dir, "resumed");
    await captureLog(() => trainGaussianRbmCommand({ ...small, epochs: 5, out: resumed }));
    const printed = await captureLog(() => trainGaussianRbmCommand({ ...small, epochs: 8, out: resumed, resume: true }));
    assert.doesNotMatch(printed, /epoch 5\/8/);
    assert.match(printed, /epoch 6\/8/);
    const [a, b] = await Promise.all([loadCheckpoint(join(straight, "checkpoint")), loadCheckpoint(join(resumed, "checkpoint"))]);
    for (const name of ["weight", "visibleBias", "hiddenBias"]) assertClose(b.model[name], a.model[name], { rtol: 0, atol: 0, message: name });
  });

  it("trains on standardised MNIST digits too, and refuses a hidden size below one", async () => {
    const digits = join(dir, "digits");
    await captureLog(() => trainGaussianRbmCommand({ data: "mnist", hidden: 16, samples: 300, testSamples: 100, epochs: 2, lr: 0.005, out: digits }));
    const log = JsonlLog.read(join(digits, "log.jsonl")) as { testReconstructionError: number }[];
    assert.ok(log.every((r) => Number.isFinite(r.testReconstructionError)));
    assert.ok(decode(readFileSync(join(digits, "filters.png"))).width >= 4 * 56, "16 tiles of 28×28, upscaled twice, four to a row");
    await assert.rejects(() => trainGaussianRbmCommand({ ...small, hidden: 0, out: join(dir, "zero") }), /hidden must be a positive integer/);
  });
});
