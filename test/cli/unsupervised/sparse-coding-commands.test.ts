import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import "../../../src/index.js";
import { trainListaCommand } from "../../../src/cli/unsupervised/lista-command.js";
import { trainPsdCommand } from "../../../src/cli/unsupervised/psd-command.js";
import { trainSparseCodingCommand } from "../../../src/cli/unsupervised/sparse-coding-command.js";
import { JsonlLog } from "../../../src/train/index.js";
import { captureLog } from "./quiet.js";

const dir = mkdtempSync(join(tmpdir(), "strata-sparse-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const printed = captureLog;

const tiny = { samples: 300, testSamples: 60, patchSize: 6, atoms: 16, iterations: 10, batchSize: 100, seed: 2 };

describe("unsupervised training commands: sparse coding, PSD, LISTA", () => {
  it("sparse-coding trains on whitened patches, writes filters.png and a log, resumes, and refuses changed settings", async () => {
    const out = join(dir, "sc");
    const first = await printed(() => trainSparseCodingCommand({ ...tiny, epochs: 2, out }));
    assert.match(first, /training sparse coding on mandrill photograph \(baboon-image-uri\): 300 grey 6×6 patches/);
    assert.ok(existsSync(join(out, "filters.png")) && existsSync(join(out, "checkpoint", "checkpoint.json")));
    const resumed = await printed(() => trainSparseCodingCommand({ ...tiny, epochs: 3, out, resume: true }));
    assert.match(resumed, /epoch 3\/3/);
    assert.doesNotMatch(resumed, /epoch [12]\/3/);
    const log = JsonlLog.read(join(out, "log.jsonl"));
    assert.deepEqual(log.map((r) => r.epoch), [1, 2, 3]);
    assert.ok((log[2].energy as number) < (log[0].energy as number), `energy ${log[0].energy} → ${log[2].energy}`);
    await assert.rejects(trainSparseCodingCommand({ ...tiny, atoms: 20, epochs: 4, out, resume: true }), /--resume: --atoms 20 would change the run in .*sc \(it was started with --atoms 16\); only --epochs may change/);
    await assert.rejects(trainSparseCodingCommand({ ...tiny, lambda: -1, out: join(dir, "bad") }), /lambda \(the sparsity weight\) must be a finite number ≥ 0, got -1/);
  });

  it("warns when λ is so large that no code unit is ever active", async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    try {
      await printed(() => trainSparseCodingCommand({ ...tiny, lambda: 1000, epochs: 1, out: join(dir, "silent") }));
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /no code unit was active this epoch: the sparsity weight is so large that every code is zero.*lower --lambda/);
  });

  it("psd trains, reports the encoder's held-out error, and prints its speed against FISTA", async () => {
    const out = join(dir, "psd");
    const text = await printed(() => trainPsdCommand({ ...tiny, epochs: 1, out }));
    assert.match(text, /testEncoderError [\d.]+/);
    const [, encoder, fista] = /encoder (\d+) samples\/s, FISTA \(100 steps\) (\d+) samples\/s/.exec(text) ?? [];
    assert.ok(Number(encoder) > 10 * Number(fista), `encoder ${encoder}/s, FISTA ${fista}/s`);
    assert.ok(existsSync(join(out, "encoder-filters.png")));
    const resumed = await printed(() => trainPsdCommand({ ...tiny, epochs: 2, out, resume: true }));
    assert.match(resumed, /epoch 2\/2/);
  });

  it("lista learns a dictionary, then beats K steps of ISTA at predicting Z*, and resumes with the same dictionary", async () => {
    const out = join(dir, "lista");
    // a few hundred samples overfit LISTA's 900 weights (held-out error rises as the training loss falls); 3,000 do not
    const settings = { ...tiny, samples: 3000, testSamples: 300, steps: 2, dictionaryEpochs: 1, targetIterations: 100, epochs: 3, batchSize: 50, lr: 0.001 };
    await printed(() => trainListaCommand({ ...settings, out }));
    const log = JsonlLog.read(join(out, "log.jsonl"));
    const last = log[log.length - 1] as Record<string, number>;
    assert.ok(last.testError < last.istaK, `LISTA ${last.testError} vs ISTA(2) ${last.istaK}`);
    await printed(() => trainListaCommand({ ...settings, epochs: 4, out, resume: true }));
    const resumed = JsonlLog.read(join(out, "log.jsonl"));
    assert.deepEqual(resumed.map((r) => r.epoch), [1, 2, 3, 4]);
    // the baseline is computed from the restored dictionary: unchanged across the resume
    assert.equal(resumed[3].istaK, last.istaK);
  });
});
