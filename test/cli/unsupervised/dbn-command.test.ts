/** strata train dbn on a few hundred digits: both phases logged and checkpointed, filters written, and a resume at the phase boundary that matches an unbroken run. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { trainDbnCommand, type DbnCommandOptions } from "../../../src/cli/unsupervised/dbn-command.js";
import { loadCheckpoint } from "../../../src/io/index.js";
import { JsonlLog } from "../../../src/train/index.js";
import { assertClose } from "../../helpers.js";
import { captureLog } from "./quiet.js";

const dir = mkdtempSync(join(tmpdir(), "strata-dbn-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const tiny: DbnCommandOptions = { hidden: "64,32", limit: 500, pretrainEpochs: 3, batchSize: 20, dropout: 0, seed: 2, progress: false };

describe("trainDbnCommand", () => {
  const straight = join(dir, "straight");

  it("pretrains each layer, fine-tunes a classifier well above chance, and logs both phases", async () => {
    const printed = await captureLog(() => trainDbnCommand({ ...tiny, finetuneEpochs: 8, out: straight }));
    const log = JsonlLog.read(join(straight, "log.jsonl"));
    assert.deepEqual(log.filter((r) => r.phase === "pretrain").map((r) => [r.layer, r.epoch]), [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
    assert.equal(log.filter((r) => r.valAccuracy !== undefined).length, 8, "one fine-tuning record per epoch");
    const accuracy = Number(/test accuracy ([\d.]+)%/.exec(printed)?.[1]);
    // measured 62.6%: sigmoid stacks learn slowly from 500 digits and 8 short epochs; chance is 10%
    assert.ok(accuracy > 45, `a 784-64-32-10 DBN from 500 digits should be far above chance, got ${accuracy}%`);
    assert.ok(existsSync(join(straight, "filters.png")));
  });

  it("resumes after pretraining to the same fine-tuned weights as the unbroken run", async () => {
    const resumed = join(dir, "resumed");
    await captureLog(() => trainDbnCommand({ ...tiny, finetuneEpochs: 0, out: resumed }));
    const printed = await captureLog(() => trainDbnCommand({ ...tiny, finetuneEpochs: 8, out: resumed, resume: true }));
    assert.doesNotMatch(printed, /pretraining layer/);
    const [a, b] = await Promise.all([loadCheckpoint(join(straight, "checkpoint")), loadCheckpoint(join(resumed, "checkpoint"))]);
    for (const name of Object.keys(a.model)) assertClose(b.model[name], a.model[name], { rtol: 0, atol: 0, message: name });
  });

  it("refuses a layer size that is not a positive integer", async () => {
    await assert.rejects(() => trainDbnCommand({ ...tiny, hidden: "500,0", out: join(dir, "bad") }), /--hidden: expected positive integer layer sizes such as 500,500,2000, got 500,0/);
  });
});
