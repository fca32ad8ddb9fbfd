/** The studio page's chart data (client/series.ts runs in Node too): which fields share a chart, and their epochs aligned across runs. */
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { chartSpecs, metricOf, stepsOf, words } from "../../src/cli/studio/client/series.js";
import { LogTail } from "../../src/cli/studio/log-tail.js";
import { scratchDir } from "./run-strata.js";

describe("studio chart data", () => {
  it("puts train and validation figures of one measure on one chart", () => {
    assert.deepEqual(["trainLoss", "valLoss", "testAccuracy", "validationBits", "reconstructionError", "lr"].map(metricOf), ["loss", "loss", "accuracy", "bits", "reconstructionError", "lr"]);
    assert.equal(words("samplesPerSecond"), "samples per second");
    assert.equal(words("lr"), "learning rate");
  });

  it("lays several runs on the union of their epochs, one series per run and field, pace last", () => {
    const a = [{ epoch: 1, trainLoss: 2, valLoss: 2.5, lr: 0.1, note: "text is not a series" }, { epoch: 2, trainLoss: 1, valLoss: 1.5, lr: 0.05 }];
    const b = [{ epoch: 2, trainLoss: 3, reconstructionError: 0.2 }, { epoch: 3, trainLoss: 2.5, reconstructionError: 0.1 }];
    const specs = chartSpecs([{ name: "a", records: a }, { name: "b", records: b }]);
    assert.deepEqual(specs.map((s) => [s.metric, s.pace]), [["loss", false], ["reconstructionError", false], ["lr", true]]);
    const [loss] = specs;
    assert.deepEqual(loss.series, [{ run: "a", key: "trainLoss" }, { run: "a", key: "valLoss" }, { run: "b", key: "trainLoss" }]);
    assert.deepEqual(loss.data, [[1, 2, 3], [2, 1, null], [2.5, 1.5, null], [null, 3, 2.5]]);
  });

  it("steps on where a log counts its epochs again (a DBN's phases) or gives none", () => {
    assert.deepEqual(stepsOf([{ epoch: 1 }, { epoch: 2 }, { epoch: 1 }, { epoch: 2 }, { testLogLikelihood: -100 }]), [1, 2, 3, 4, 5]);
  });
});

describe("LogTail", () => {
  it("finds by polling a log whose folder does not exist yet (where fs.watch cannot help)", async () => {
    const dir = join(scratchDir("strata-studio-tail-"), "later");
    const seen: string[] = [];
    const tail = new LogTail(join(dir, "log.jsonl"), { lines: (lines) => seen.push(...lines), reset: () => seen.push("reset"), problem: (m) => seen.push(m) }, 20);
    try {
      await tail.check();
      mkdirSync(dir);
      appendFileSync(join(dir, "log.jsonl"), '{"epoch":1}\n{"epoch":2}\n{"ep');
      await waitFor(() => seen.length === 2);
      assert.deepEqual(seen, ['{"epoch":1}', '{"epoch":2}']);
      rmSync(join(dir, "log.jsonl"));
      await waitFor(() => seen.length === 3);
      assert.equal(seen[2], "reset");
    } finally {
      tail.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
