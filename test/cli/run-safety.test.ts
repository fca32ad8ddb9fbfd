/**
 * No command destroys a run: a bad input leaves it as it was, a fresh run moves it aside, --overwrite
 * deletes it only once the new run has saved its first checkpoint, and --resume keeps the run's settings.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { runsFolder } from "../../src/cli/studio/runs.js";
import { JsonlLog } from "../../src/train/index.js";
import { snapshot } from "./dir-snapshot.js";
import { scratchDir, startStrata, strata } from "./run-strata.js";

const dir = scratchDir("strata-run-safety-");
const tiny = ["--limit", "200", "--batch-size", "50", "--epochs", "1"];
const asidesOf = (run: string) => readdirSync(dir).filter((name) => name.startsWith(`${basename(run)}.previous-`));

/** A one-epoch MLP run in dir/name, trained with --lr 0.02 and seed 3. */
function trainedRun(name: string): string {
  const run = join(dir, name);
  const r = strata("train", "mlp", ...tiny, "--lr", "0.02", "--seed", "3", "--out", run);
  assert.equal(r.code, 0, r.stderr);
  return run;
}

describe("run directories", () => {
  it("a bad input to any training command leaves an existing run as it was, byte for byte", () => {
    const run = trainedRun("kept");
    const short = join(dir, "short.txt");
    writeFileSync(short, "too short to learn");
    const cases: [string[], number, RegExp][] = [
      [["train", "gan"], 2, /unknown model "gan"/],
      [["train", "lenet5", "--optimizer", "lbfgs"], 2, /argument 'lbfgs' is invalid/],
      [["train", "mlp", "--val-size", "60000"], 2, /--val-size 60000 leaves no training data/],
      [["train", "char-rnn", "--text", join(dir, "missing.txt")], 1, /--text: no file .*missing\.txt/],
      [["train", "char-rnn", "--text", short], 1, /the text is too short/],
      [["train", "autoencoder", "--kind", "sparse", "--rho", "2", "--limit", "100"], 1, /sparsity target rho \(ρ\) must lie strictly between 0 and 1, got 2/],
      [["train", "kmeans", "--k", "400", "--limit", "300"], 1, /k = 400 is larger than the number of samples \(300\)/],
      [["train", "rbm", "--k", "0", "--limit", "100"], 1, /k \(Gibbs steps per update\) must be an integer ≥ 1, got 0/],
      // fine-tuning comes after pretraining, but its settings are checked before it
      [["train", "dbn", "--dropout", "1.5", "--limit", "100"], 1, /Dropout: p .* must be in \[0, 1\], got 1\.5/],
      [["train", "sparse-coding", "--lambda", "-1", "--samples", "300"], 1, /lambda \(the sparsity weight\) must be a finite number ≥ 0, got -1/],
      [["train", "psd", "--alpha", "-1", "--samples", "300"], 1, /alpha \(the weight of the prediction term\) must be a finite number ≥ 0, got -1/],
      [["train", "lista", "--steps", "0", "--samples", "300", "--test-samples", "50"], 1, /Lista: steps .* must be an integer ≥ 1, got 0/],
      [["train", "mlp", "--resume", "--lr", "0.1"], 2, /--resume: --lr 0\.1 would change the run in .*kept \(it was started with --lr 0\.02\)/],
      [["train", "rbm", "--resume"], 1, /--resume: the run in .*kept is `strata train mlp`'s, not rbm's/],
      [["train", "mlp", "--resume", "--overwrite"], 2, /--resume continues the run and --overwrite replaces it: give one of them/],
    ];
    const before = snapshot(run);
    for (const [args, code, message] of cases) {
      const r = strata(...args, "--out", run);
      assert.equal(r.code, code, `${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.deepEqual(snapshot(run), before, `${args.join(" ")} changed the run`);
      assert.deepEqual(asidesOf(run), [], `${args.join(" ")} moved the run`);
    }
  });

  it("refuses an --out that is a file", () => {
    const r = strata("train", "mlp", "--out", join(dir, "short.txt"));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out .*short\.txt is a file; it should name a folder/);
  });

  it("resumes with the run's own settings, applies more --epochs, and prints the values in force", () => {
    const run = trainedRun("resumed");
    const r = strata("train", "mlp", "--resume", "--epochs", "2", "--out", run);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^resuming .*resumed: at epoch 2 of 2 \(--epochs 2 given: was 1\)$/m);
    // the run's --limit, --lr, --batch-size and --seed, not the recipe's defaults
    assert.match(r.stdout, /200 training \/ 200 validation \/ 200 test samples; sgd lr 0\.02 \(cosine decay\), batch 50, 2 epochs, seed 3/);
    assert.deepEqual(JsonlLog.read(join(run, "log.jsonl")).map((record) => record.epoch), [1, 2]);
  });

  it("moves an earlier run aside when a fresh one starts in its directory, and keeps it", () => {
    const run = trainedRun("fresh");
    const before = snapshot(run);
    const r = strata("train", "mlp", ...tiny, "--out", run);
    assert.equal(r.code, 0, r.stderr);
    const aside = /^the earlier run in .*fresh is now in (.*fresh\.previous-\S+) \(kept; delete it when it is no longer wanted\)$/m.exec(r.stdout)?.[1];
    assert.ok(aside, r.stdout);
    assert.deepEqual(snapshot(aside), before);
    assert.equal(strata("eval", aside).code, 0, "the earlier run is still a run");
    assert.ok(runsFolder(dir).list().some(({ name }) => name === basename(aside)), "the studio lists it");
  });

  it("with --overwrite, deletes the earlier run only once the new one has saved its first checkpoint", async () => {
    const run = trainedRun("overwritten");
    const before = snapshot(run);
    // killed before its first epoch ends: the earlier run is still whole, beside the directory
    const child = startStrata("train", "mlp", "--limit", "3000", "--batch-size", "10", "--epochs", "1", "--overwrite", "--out", run);
    let stdout = "";
    for await (const chunk of child.stdout) {
      stdout += chunk;
      if (/deleted once this run has saved its first checkpoint/.test(stdout)) break;
    }
    child.kill("SIGKILL");
    await once(child, "exit");
    const [aside] = asidesOf(run);
    assert.ok(aside, stdout);
    assert.equal(existsSync(join(run, "checkpoint", "checkpoint.json")), false, "killed before its first checkpoint");
    assert.deepEqual(snapshot(join(dir, aside)), before);
    assert.ok(runsFolder(dir).list().some(({ name }) => name === aside), "the studio lists it");

    // a run that gets to its checkpoint deletes what it overwrote
    const again = trainedRun("overwritten-again");
    const r = strata("train", "mlp", ...tiny, "--overwrite", "--out", again);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /the earlier run in .*overwritten-again is now in .* \(deleted once this run has saved its first checkpoint\)/);
    assert.deepEqual(asidesOf(again), []);
    assert.ok(existsSync(join(again, "checkpoint", "checkpoint.json")));
  });
});
