import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scratchDir, strata } from "./run-strata.js";

const root = scratchDir("strata-cifar-cli-");

describe("strata train cifar-quick", () => {
  it("without the files: names them and where to download them, exit code 1, nothing written", () => {
    const out = join(root, "run");
    const r = strata("train", "cifar-quick", "--data", join(root, "nowhere"), "--out", out);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /data_batch_1\.bin, .*data_batch_5\.bin, test_batch\.bin\) from --data DIR, and there is no folder .*nowhere/);
    assert.match(r.stderr, /https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar\.html: download "CIFAR-10 binary version"/);
    assert.equal(existsSync(out), false);
  });

  it("names the file that is missing, and a truncated file with the size it should have", () => {
    const dir = join(root, "partial");
    mkdirSync(dir);
    for (const name of ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "test_batch.bin"]) writeFileSync(join(dir, name), new Uint8Array(3073));
    const missing = strata("train", "cifar-quick", "--data", dir, "--out", join(root, "run"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /partial lacks data_batch_5\.bin\./);
    writeFileSync(join(dir, "data_batch_5.bin"), new Uint8Array(3073));
    const truncated = strata("train", "cifar-quick", "--data", dir, "--out", join(root, "run"));
    assert.equal(truncated.code, 1);
    assert.match(truncated.stderr, /data_batch_1\.bin holds 3,073 bytes; a CIFAR-10 file of 10,000 images holds 30,730,000 .*truncated/);
  });

  it("is listed with its defaults, and --data is refused for the other models", () => {
    assert.match(strata("train", "--help").stdout, /cifar-quick: --epochs 10 .* --data cifar-10-batches-bin/);
    const r = strata("train", "mlp", "--data", root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--data does not apply to mlp/);
  });
});
