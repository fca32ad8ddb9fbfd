/** strata train rbm on a few hundred digits: figures per epoch, pictures, AIS at the end, and a resume that lands on the same weights. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decode } from "fast-png";
import { trainRbmCommand, type RbmCommandOptions } from "../../../src/cli/unsupervised/rbm-command.js";
import { loadCheckpoint } from "../../../src/io/index.js";
import { JsonlLog } from "../../../src/train/index.js";
import { assertClose } from "../../helpers.js";
import { captureLog } from "./quiet.js";

const dir = mkdtempSync(join(tmpdir(), "strata-rbm-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const tiny: RbmCommandOptions = { hidden: 16, limit: 300, batchSize: 50, pllSamples: 300, aisRuns: 20, aisSteps: 290, testSamples: 200, gibbsSteps: 5, seed: 4 };

describe("trainRbmCommand", () => {
  const straight = join(dir, "straight");
  const resumed = join(dir, "resumed");

  it("logs reconstruction error and pseudo-log-likelihood per epoch, writes filters and samples, and ends with an AIS log-likelihood", async () => {
    const printed = await captureLog(() => trainRbmCommand({ ...tiny, epochs: 3, out: straight }));
    const log = JsonlLog.read(join(straight, "log.jsonl"));
    assert.deepEqual(log.slice(0, 3).map((r) => r.epoch), [1, 2, 3]);
    assert.ok((log[2].reconstructionError as number) < (log[0].reconstructionError as number), "training lowers the reconstruction error");
    assert.ok((log[2].pseudoLogLikelihood as number) < 0);
    const final = log[3] as { testLogLikelihood: number; logPartition: number };
    assert.ok(final.testLogLikelihood < 0 && final.testLogLikelihood > 784 * Math.log(0.5), `test log-likelihood ${final.testLogLikelihood} beats a coin per pixel`);
    assert.match(printed, /average test log-likelihood over 200 digits: -\d+\.\d+ nats/);
    const filters = decode(readFileSync(join(straight, "filters.png")));
    assert.ok(filters.width > 4 * 56 && filters.width === filters.height, "16 tiles of 28×28 upscaled twice, four to a row");
    const samples = decode(readFileSync(join(straight, "samples.png")));
    assert.equal(samples.width, 10 * 56 + 11 * 2, "ten digits a row, 2-pixel gaps");
  });

  it("resumes from its checkpoint to the same weights as a run that never stopped", async () => {
    await captureLog(() => trainRbmCommand({ ...tiny, epochs: 2, out: resumed }));
    const printed = await captureLog(() => trainRbmCommand({ ...tiny, epochs: 3, out: resumed, resume: true }));
    assert.doesNotMatch(printed, /epoch 2\/3/);
    assert.match(printed, /epoch 3\/3/);
    const [a, b] = await Promise.all([loadCheckpoint(join(straight, "checkpoint")), loadCheckpoint(join(resumed, "checkpoint"))]);
    for (const name of ["weight", "visibleBias", "hiddenBias"]) assertClose(b.model[name], a.model[name], { rtol: 0, atol: 0, message: name });
  });

  it("refuses to resume without a checkpoint or with other settings, and a hidden size below one", async () => {
    await assert.rejects(() => trainRbmCommand({ ...tiny, out: join(dir, "none"), resume: true }), /--resume: no checkpoint/);
    await assert.rejects(() => trainRbmCommand({ ...tiny, persistent: true, out: resumed, resume: true }), /--resume: --persistent would change the run in .*resumed \(it was started with no --persistent\)/);
    await assert.rejects(() => trainRbmCommand({ ...tiny, hidden: 0, out: join(dir, "zero") }), /hidden must be a positive integer/);
  });
});
