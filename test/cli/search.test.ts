/**
 * `strata search`: a small real search (4 trials of LeNet-5 on 256 images, 2 workers), its halving,
 * table and state; the retrained best as a normal run; failed trials; bad input.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { JsonlLog } from "../../src/train/index.js";
import { snapshot } from "./dir-snapshot.js";
import { scratchDir, strata } from "./run-strata.js";
import { readSearchState, SMALL_SEARCH } from "./search-run.js";

const dir = scratchDir("strata-search-");

describe("strata search", () => {
  const out = join(dir, "small");

  it("runs its trials in workers, promotes the best half, retrains the best and scores only it on the test set", () => {
    const r = strata(...SMALL_SEARCH, "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const state = readSearchState(out);
    assert.deepEqual(state.rungs, [1, 2]);
    assert.equal(state.trials.length, 4);
    assert.deepEqual(state.trials[0].config, { batchSize: 64, dropout: 0, lr: 0.05, momentum: 0.9, weightDecay: 0, width: 1 }, "trial 1 is the recipe's defaults");
    assert.equal(new Set(state.trials.map((t) => JSON.stringify(t.config))).size, 4, "the other trials are drawn afresh");

    // the two best after epoch 1 (by accuracy, then loss, then id) and only they trained epoch 2
    const atOne = state.trials.map((t) => ({ id: t.id, acc: t.curve[0].valAccuracy, loss: t.curve[0].valLoss }));
    const bestTwo = [...atOne].sort((a, b) => b.acc - a.acc || a.loss - b.loss || a.id - b.id).slice(0, 2).map((t) => t.id);
    const reachedTwo = state.trials.filter((t) => t.curve.length === 2).map((t) => t.id);
    assert.deepEqual(reachedTwo.sort(), bestTwo.sort());
    for (const t of state.trials) {
      const logged = JsonlLog.read(join(out, t.runDir, "log.jsonl")).map((e) => e.epoch);
      assert.deepEqual(logged, t.curve.map((e) => e.epoch), `trial ${t.id} logged each epoch once`);
      assert.ok(!readFileSync(join(out, t.runDir, "worker.log"), "utf8").includes("test accuracy"), `trial ${t.id} never saw the test set`);
    }
    for (const id of bestTwo) {
      const worker = readFileSync(join(out, "trials", String(id).padStart(3, "0"), "worker.log"), "utf8");
      assert.match(worker, /resuming .*: at epoch 2 of 2/, `promoted trial ${id} went on from its checkpoint`);
    }

    // the table: one row per trial, with its status
    const table = readFileSync(join(out, "results.md"), "utf8");
    const rows = table.split("\n").filter((line) => /^\| \d+ \|/.test(line));
    assert.equal(rows.length, 4);
    const statuses = rows.map((row) => row.split("|").at(-2)!.trim()).sort();
    assert.deepEqual(statuses, ["best", "finished", "stopped", "stopped"]);
    assert.match(r.stdout, /\| trial \| batch-size \| dropout \| lr \| momentum \| weight-decay \| width \| epochs \| val acc \| status \|/);

    // the test set is scored once, by the retrained best, a normal run that eval reads
    assert.equal(r.stdout.match(/test accuracy: /g)?.length, 1, r.stdout);
    const best = [...atOne].filter((t) => bestTwo.includes(t.id));
    const bestId = state.trials.filter((t) => t.curve.length === 2).sort((a, b) => b.curve[1].valAccuracy - a.curve[1].valAccuracy || a.curve[1].valLoss - b.curve[1].valLoss || a.id - b.id)[0].id;
    assert.ok(best.length === 2 && rows.some((row) => row.startsWith(`| ${bestId} |`) && row.endsWith("| best |")));
    assert.ok(state.final, "the final run is recorded");
    const evaluated = strata("eval", join(out, "best"));
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.match(evaluated.stdout, new RegExp(`test accuracy: ${(state.final.testAccuracy * 100).toFixed(2)}%`));
    assert.ok(readFileSync(join(out, "search.svg"), "utf8").startsWith("<svg"), "the curves are drawn");

    // a trial is a normal run too, rebuilt with its own width and dropout
    const wide = state.trials.find((t) => t.config.width !== 1 && (t.config.dropout as number) > 0)!;
    const exported = strata("export", join(out, wide.runDir), join(dir, "wide.onnx"));
    assert.equal(exported.code, 0, exported.stderr);
  });

  it("reports a failed trial with its id and error and goes on without it", () => {
    const failing = join(dir, "failing");
    // a rate of 1e6 blows the weights up within the first epoch; trial 1 keeps the default 0.05
    const r = strata("search", "lenet5", "--limit", "128", "--val-size", "128", "--trials", "3", "--max-epochs", "1", "--space", "lr=choice(1e6); width=1; dropout=0", "--no-progress", "--out", failing);
    assert.equal(r.code, 0, r.stderr);
    const state = readSearchState(failing);
    assert.deepEqual(state.trials.map((t) => Boolean(t.failure)), [false, true, true]);
    for (const t of state.trials.slice(1)) {
      assert.equal(t.failure!.rung, 0);
      assert.match(t.failure!.message, /^exit code 1: (fit: epoch 1, batch \d+: .*(NaN|Infinity|not finite)|diverged: the validation loss is NaN after epoch 1)/);
      assert.match(r.stdout, new RegExp(`trial ${t.id} failed \\(.*lr 1000000.*\\): exit code 1`));
    }
    assert.match(r.stdout, /search result: trial 1 retrained/);
    assert.match(readFileSync(join(failing, "results.md"), "utf8"), /\| 2 \| .* \| failed at rung 1: exit code 1/);
  });

  it("refuses bad input by naming the argument, before touching the output folder", () => {
    const before = snapshot(out);
    const spaceFile = join(dir, "space.txt");
    writeFileSync(spaceFile, "# rates to try\nlr=log(0.01, 0.1)\nbatch-size=choice(32, 64.5)\n");
    const cases: [string[], RegExp][] = [
      [["search", "gan"], /unknown recipe "gan"; it searches lenet5, mlp, cifar-quick/],
      [["search", "lenet5", "--eta", "1.5"], /--eta 1\.5: successive halving keeps the best 1\/η .* at least 2/],
      [["search", "lenet5", "--min-epochs", "3", "--max-epochs", "2"], /--max-epochs 2 is below --min-epochs 3/],
      [["search", "lenet5", "--trials", "0"], /option '--trials <n>' argument '0' is invalid/],
      [["search", "lenet5", "--val-size", "0"], /--val-size 0: a search ranks its trials on validation data/],
      [["search", "lenet5", "--space", "lr=log(0, 0.1)"], /--space: "lr=log\(0, 0\.1\)": logUniform\(0, 0\.1\): the bounds must be positive/],
      [["search", "lenet5", "--space", "momentum=uniform(0.5, 1.2)"], /--space: momentum=uniform\(0\.5, 1\.2\) can give 1\.2, but --momentum takes a number in \[0, 1\)/],
      [["search", "lenet5", "--space", "colour=choice(1, 2)"], /--space: lenet5 has no setting "colour" to search; it may set lr, momentum, weightDecay/],
      [["search", "cifar-quick", "--space", "width=2"], /--space: cifar-quick has no setting "width"/],
      [["search", "lenet5", "--space", spaceFile], /--space: batchSize=choice\(32, 64\.5\) can give 64\.5, but --batch-size takes a positive integer/],
      [["search", "lenet5", "--resume", "--trials", "5"], /--resume: --trials 5 would change the run in .*small \(it was started with --trials 4\); nothing may change when resuming/],
      [["search", "mlp", "--resume"], /--resume: the search in .*small is of lenet5, not mlp/],
      [["search", "lenet5", "--resume", "--overwrite"], /--resume continues the search and --overwrite replaces it/],
    ];
    for (const [args, message] of cases) {
      const r = strata(...args, "--out", out);
      assert.equal(r.code, 2, `${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.deepEqual(snapshot(out), before, `${args.join(" ")} changed the search`);
    }
    const missing = strata("search", "lenet5", "--resume", "--out", join(dir, "none"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--resume: no search in .*none \(search\.json is missing/);
  });

  it("a new search where one is moves the earlier one aside", () => {
    const r = strata("search", "lenet5", "--limit", "64", "--val-size", "64", "--trials", "1", "--max-epochs", "1", "--no-progress", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const aside = readdirSync(dir).filter((name) => name.startsWith("small.previous-"));
    assert.equal(aside.length, 1);
    assert.match(r.stdout, /the earlier run in .*small is now in .*small\.previous-/);
    assert.equal(readSearchState(join(dir, aside[0])).trials.length, 4, "the earlier search is kept whole");
    assert.ok(existsSync(join(dir, aside[0], "best", "checkpoint", "checkpoint.json")));
    assert.equal(readSearchState(out).trials.length, 1);
  });
});
