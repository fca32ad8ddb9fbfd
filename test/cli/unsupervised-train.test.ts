/** `strata train <unsupervised model>`: the models listed, their flags typed by their settings, and flags of other models refused. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sizes } from "../../src/cli/unsupervised/train-flags.js";
import { scratchDir, strata } from "./run-strata.js";

const out = scratchDir("strata-unsup-cli-");

describe("strata train for the unsupervised models", () => {
  it("lists every model with its defaults in train --help", () => {
    const help = strata("train", "--help").stdout;
    for (const model of ["autoencoder", "kmeans", "rbm", "gaussian-rbm", "dbn", "sparse-coding", "psd", "lista"]) {
      assert.match(help, new RegExp(`\\n\\s+${model} {2,}\\S`), `${model} is not listed`);
      assert.match(help, new RegExp(`\\n  ${model}: --`), `${model} has no defaults line`);
    }
    assert.match(help, /--lambda <n> +sparse-coding, psd, lista: lambda \(default 0\.8\)/);
  });

  it("trains k-means from the command line, writing its centroids, log and checkpoint", () => {
    const run = join(out, "km");
    const r = strata("train", "kmeans", "--k", "5", "--epochs", "2", "--limit", "300", "--out", run);
    assert.equal(r.code, 0, r.stderr);
    for (const file of ["filters.png", "log.jsonl", join("checkpoint", "checkpoint.json")]) assert.ok(existsSync(join(run, file)), `${file} is missing`);
  });

  it("refuses flags of another model, bad choices and a list where one number goes, in one line", () => {
    const cases: [string[], RegExp][] = [
      [["train", "mlp", "--lambda", "1"], /^strata: --lambda does not apply to mlp$/],
      [["train", "kmeans", "--rho", "0.1"], /^strata: --rho does not apply to kmeans$/],
      [["train", "lenet5", "--persistent"], /^strata: --persistent does not apply to lenet5$/],
      [["train", "autoencoder", "--kind", "vae"], /--kind <value>' argument 'vae' is invalid\. expected one of plain, tied, sparse, denoising, contractive/],
      [["train", "rbm", "--hidden", "500,500"], /--hidden takes one number for rbm, got 500,500/],
      [["train", "rbm", "--lr", "fast"], /--lr <rate>' argument 'fast' is invalid/],
      [["train", "gan"], /unknown model "gan"; available: lenet5, mlp, cifar-quick, char-rnn, autoencoder, kmeans, rbm, gaussian-rbm, dbn, sparse-coding, psd, lista/],
    ];
    for (const [args, message] of cases) {
      const r = strata(...args);
      assert.notEqual(r.code, 0, args.join(" "));
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr.trim(), message);
    }
  });

  it("parses layer sizes", () => {
    assert.equal(sizes("500"), 500);
    assert.deepEqual(sizes("500, 500,2000"), [500, 500, 2000]);
    assert.throws(() => sizes("500,x"), /positive integer or a comma-separated list/);
    assert.throws(() => sizes("0"), /positive integer/);
  });
});
