/** `strata train autoencoder` and `strata train kmeans` as functions: tiny runs, their pictures, logs, and resume picking up exactly where a run stopped. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it, mock } from "node:test";
import { loadCheckpoint } from "../../../src/io/index.js";
import { AUTOENCODER_KINDS, trainAutoencoderCommand } from "../../../src/cli/unsupervised/autoencoder-command.js";
import { trainKmeansCommand } from "../../../src/cli/unsupervised/kmeans-command.js";

const dir = mkdtempSync(join(tmpdir(), "strata-unsup-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const printed: string[] = [];
before(() => mock.method(console, "log", (line: string) => void printed.push(line)));
after(() => mock.restoreAll());

const logLines = (run: string) => readFileSync(join(run, "log.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(1, 4).toString(), "PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}
const weightsOf = async (run: string) => Object.fromEntries(Object.entries((await loadCheckpoint(join(run, "checkpoint"))).model).map(([k, t]) => [k, Array.from(t.values)]));

describe("trainAutoencoderCommand", () => {
  const tiny = { hidden: 16, limit: 200, testLimit: 100, batchSize: 50, lr: 0.1 };

  for (const kind of AUTOENCODER_KINDS) {
    it(`trains a ${kind} autoencoder and draws its filters and reconstructions`, async () => {
      const out = join(dir, kind);
      await trainAutoencoderCommand({ ...tiny, kind, epochs: 1, out });
      const [record] = logLines(out);
      assert.equal(record.epoch, 1);
      assert.ok(Number.isFinite(record.testReconstruction) && record.testReconstruction > 0);
      assert.equal(record.penalty > 0, kind === "sparse" || kind === "contractive");
      // 16 filters, 4 to a row, 56-pixel tiles with 1 pixel between: 4·57 + 1
      assert.deepEqual(pngSize(join(out, "filters.png")), [229, 229]);
      // 12 digits above their 12 reconstructions, 56-pixel tiles with 2 pixels between
      assert.deepEqual(pngSize(join(out, "reconstructions.png")), [12 * 58 + 2, 2 * 58 + 2]);
    });
  }

  it("resumes: one epoch, then one more with --resume, gives the weights of two epochs in a row", async () => {
    const straight = join(dir, "straight");
    const resumed = join(dir, "resumed");
    await trainAutoencoderCommand({ ...tiny, kind: "denoising", epochs: 2, out: straight });
    await trainAutoencoderCommand({ ...tiny, kind: "denoising", epochs: 1, out: resumed });
    printed.length = 0;
    await trainAutoencoderCommand({ epochs: 2, out: resumed, resume: true });
    assert.match(printed.join("\n"), /resuming .*resumed: at epoch 2 of 2 \(--epochs 2 given: was 1\)\n.*784-16-784[^]*SGD lr 0\.1 momentum 0\.9, batch 50/, "the run's settings, not the defaults");
    assert.deepEqual(logLines(resumed).map((r) => r.epoch), [1, 2]);
    assert.deepEqual(await weightsOf(resumed), await weightsOf(straight));
  });

  it("refuses to resume another kind of run, and names a bad --kind", async () => {
    await assert.rejects(trainKmeansCommand({ out: join(dir, "straight"), resume: true }), /the run in .*straight is `strata train autoencoder`'s, not kmeans's/);
    await assert.rejects(trainAutoencoderCommand({ ...tiny, kind: "variational" as never, out: join(dir, "bad") }), /--kind must be one of plain, tied, sparse, denoising, contractive; got "variational"/);
  });
});

describe("trainKmeansCommand", () => {
  it("clusters digits, draws the centroids, and resumes from the iteration it stopped at", async () => {
    const straight = join(dir, "kmeans-straight");
    const resumed = join(dir, "kmeans-resumed");
    const tiny = { k: 9, limit: 300, tolerance: 0 };
    await trainKmeansCommand({ ...tiny, epochs: 4, out: straight });
    await trainKmeansCommand({ ...tiny, epochs: 2, out: resumed });
    await trainKmeansCommand({ epochs: 4, out: resumed, resume: true });
    const inertia = logLines(straight).map((r) => r.inertiaPerSample);
    assert.ok(inertia.every((v, i) => i === 0 || v <= inertia[i - 1] + 1e-9), `inertia never rises: ${inertia.join(", ")}`);
    assert.deepEqual(logLines(resumed).map((r) => r.epoch), [1, 2, 3, 4]);
    assert.deepEqual(await weightsOf(resumed), await weightsOf(straight));
    assert.deepEqual(pngSize(join(straight, "filters.png")), [3 * 57 + 1, 3 * 57 + 1], "9 centroids as 28×28 tiles enlarged 2×, 3 by 3");
    assert.ok(existsSync(join(straight, "checkpoint", "checkpoint.json")));
    await assert.rejects(trainKmeansCommand({ k: 400, limit: 300, out: join(dir, "too-many") }), /k = 400 is larger than the number of samples \(300\)/);
  });

  it("clusters whitened patches of the photograph as Coates & Ng do, drawing 8×8 centroids", async () => {
    const run = join(dir, "kmeans-patches");
    await trainKmeansCommand({ k: 16, data: "patches", limit: 2000, epochs: 5, out: run });
    const inertia = logLines(run).map((r) => r.inertiaPerSample);
    assert.ok(inertia[inertia.length - 1] < inertia[0], `inertia falls: ${inertia.join(", ")}`);
    assert.deepEqual(pngSize(join(run, "filters.png")), [4 * 49 + 1, 4 * 49 + 1], "16 centroids as 8×8 tiles enlarged 6×, 4 by 4");
  });
});
