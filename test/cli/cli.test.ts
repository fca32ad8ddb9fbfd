import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { JsonlLog } from "../../src/train/index.js";
import { scratchDir, strata } from "./run-strata.js";

const out = scratchDir("strata-cli-");

describe("strata CLI", () => {
  it("documents every command and the train flags", () => {
    const top = strata("--help");
    assert.equal(top.code, 0);
    for (const command of ["train", "eval", "sample", "lm-compare", "inspect", "filters"]) assert.match(top.stdout, new RegExp(`\\n  ${command} `));
    const train = strata("train", "--help");
    for (const flag of ["--epochs", "--batch-size", "--lr", "--optimizer", "--seed", "--resume", "--out", "--limit"]) {
      assert.ok(train.stdout.includes(flag), `train --help lacks ${flag}`);
    }
    assert.match(train.stdout, /mlp: --epochs 3/);
  });

  it("answers a bad flag with one line and exit code 2", () => {
    for (const args of [["train", "mlp", "--epochs", "two"], ["train", "mlp", "--bogus"], ["train", "mlp", "--optimizer", "lbfgs"]]) {
      const r = strata(...args);
      assert.equal(r.code, 2, `${args.join(" ")} exited ${r.code}`);
      assert.equal(r.stderr.trim().split("\n").length, 1, `more than one line for ${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /^strata: /);
    }
    assert.match(strata("train", "mlp", "--epochs", "two").stderr, /--epochs .*expected a positive integer, got "two"/);
  });

  it("names an unknown model and the available ones", () => {
    const r = strata("train", "resnet9000");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown model "resnet9000"; available: lenet5, mlp, cifar-quick, char-rnn/);
  });

  it("trains on real MNIST, checkpoints, resumes, and evaluates the checkpoint", () => {
    const run = join(out, "mlp");
    const common = ["--limit", "400", "--batch-size", "50", "--out", run, "--seed", "5"];
    const first = strata("train", "mlp", "--epochs", "1", ...common);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /epoch 1\/1 +train loss/);
    const accuracy = Number(/test accuracy: ([\d.]+)%/.exec(first.stdout)?.[1]);
    assert.ok(accuracy > 40, `400 images and one epoch should already beat chance (10%) by far; got ${accuracy}%`);

    const resumed = strata("train", "mlp", "--epochs", "2", "--resume", ...common);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /resumed from .* after epoch 1/);
    assert.match(resumed.stdout, /epoch 2\/2/);
    assert.doesNotMatch(resumed.stdout, /epoch 1\/2/);
    assert.deepEqual(JsonlLog.read(join(run, "log.jsonl")).map((r) => r.epoch), [1, 2]);

    const evaluated = strata("eval", run);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const resumedAccuracy = /test accuracy: ([\d.]+)%/.exec(resumed.stdout)?.[1];
    assert.match(evaluated.stdout, new RegExp(`test accuracy: ${resumedAccuracy}%`), "eval scores the saved weights as training did");
    assert.match(evaluated.stdout, /confusion matrix/);
  });

  it("trains LeNet-5, augmenting its batches unless told --no-augment", () => {
    const run = join(out, "lenet5");
    const quick = ["--limit", "128", "--epochs", "1", "--out", run];
    const augmented = strata("train", "lenet5", ...quick);
    assert.equal(augmented.code, 0, augmented.stderr);
    assert.match(augmented.stdout, /training lenet5: LeNet-5/);
    assert.match(augmented.stdout, /augmented, batch 64/);
    assert.match(augmented.stdout, /test accuracy: [\d.]+% \(128 test images/);
    const plain = strata("train", "lenet5", "--no-augment", ...quick);
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(plain.stdout, /augmented/);
  });

  it("refuses --resume where there is no checkpoint, naming the directory", () => {
    const r = strata("train", "mlp", "--resume", "--out", join(out, "empty"));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--resume: no checkpoint in .*empty/);
  });
});
