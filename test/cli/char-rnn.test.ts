import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { JsonlLog } from "../../src/train/index.js";
import { scratchDir, strata } from "./run-strata.js";

const dir = scratchDir("strata-char-rnn-");

describe("strata train char-rnn and strata sample", () => {
  const textFile = join(dir, "text.txt");
  writeFileSync(textFile, "the cat sat on the mat. ".repeat(120));
  const run = join(dir, "run");
  const small = ["--text", textFile, "--hidden", "32", "--seq-len", "12", "--batch-size", "8", "--lr", "0.01", "--out", run, "--seed", "3"];

  it("trains, reporting bits per character against the unigram baseline, and resumes", () => {
    const first = strata("train", "char-rnn", "--epochs", "3", ...small);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /training char-rnn on text\.txt: 2880 characters, 11 distinct/);
    const baseline = Number(/unigram baseline on validation: ([\d.]+) bits\/char/.exec(first.stdout)?.[1]);
    const last = Number(/epoch 3\/3 +train [\d.]+ bits\/char +validation ([\d.]+) bits\/char/.exec(first.stdout)?.[1]);
    assert.ok(last < 0.5 * baseline, `validation ${last} bits/char against the unigram's ${baseline}`);

    const resumed = strata("train", "char-rnn", "--epochs", "4", "--resume", ...small);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /epoch 4\/4/);
    assert.doesNotMatch(resumed.stdout, /epoch 3\/4/);
    assert.deepEqual(JsonlLog.read(join(run, "log.jsonl")).map((r) => r.epoch), [1, 2, 3, 4]);
  });

  it("samples text of the asked length, repeatably for a seed", () => {
    const a = strata("sample", run, "--length", "60", "--temperature", "0.5", "--seed", "9", "--prime", "the ");
    const b = strata("sample", run, "--length", "60", "--temperature", "0.5", "--seed", "9", "--prime", "the ");
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.stdout.trimEnd().length, "the ".length + 60);
    assert.match(a.stdout, /^the /);
    // the text is one phrase repeated: a trained model at low temperature reproduces its words
    assert.match(a.stdout, /cat|mat|sat/);
  });

  it("resumes on the run's own text and settings without repeating them, and refuses a flag that would change the run", () => {
    const resumed = strata("train", "char-rnn", "--resume", "--epochs", "5", "--out", run);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /resuming .*: at epoch 5 of 5 \(--epochs 5 given: was 4\)/);
    assert.match(resumed.stdout, /training char-rnn on text\.txt/);
    assert.match(resumed.stdout, /Adam lr 0\.01, batch 8×12 characters, clip 5, seed 3/, "the run's values, not the defaults");
    const refused = strata("train", "char-rnn", "--resume", "--seq-len", "16", "--text", join(dir, "other.txt"), "--out", run);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--resume: --seq-len 16, --text .*other\.txt would change the run in .*run \(it was started with --seq-len 12, --text .*text\.txt\)/);
  });

  it("says which flags belong to which models, and what a non-char-rnn checkpoint is", () => {
    const wrong = strata("train", "char-rnn", "--optimizer", "sgd", "--text", textFile);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--optimizer does not apply to char-rnn/);
    assert.match(strata("train", "mlp", "--seq-len", "8").stderr, /--seq-len does not apply to mlp/);
    assert.match(strata("train", "char-rnn", "--text", join(dir, "missing.txt")).stderr, /--text: no file .*missing\.txt/);
    assert.match(strata("sample", join(dir, "nothing-here")).stderr, /does not exist: no checkpoint has been saved there/);
  });
});
