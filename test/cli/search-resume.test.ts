/**
 * A search killed (SIGKILL) once its first trials have results, then resumed with --resume, keeps
 * what it had finished, trains only the rest, and ends exactly where an uninterrupted search ends.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { snapshot } from "./dir-snapshot.js";
import { scratchDir, startStrata, strata } from "./run-strata.js";
import { readSearchState, SMALL_SEARCH } from "./search-run.js";

const dir = scratchDir("strata-search-resume-");

/** The trials with a result in the search state, if the state is there yet. */
function finishedTrials(out: string): number[] {
  if (!existsSync(join(out, "search.json"))) return [];
  try {
    return readSearchState(out).trials.filter((t) => t.curve.length > 0).map((t) => t.id);
  } catch {
    return []; // never a torn file (it is written atomically), but it may not exist yet
  }
}

describe("strata search --resume", () => {
  it("a killed search resumes without re-running finished trials, and ends as an uninterrupted one", async () => {
    const straight = join(dir, "straight");
    const r = strata(...SMALL_SEARCH, "--out", straight);
    assert.equal(r.code, 0, r.stderr);

    const killed = join(dir, "killed");
    const child = startStrata(...SMALL_SEARCH, "--out", killed);
    const exited = once(child, "exit");
    while (finishedTrials(killed).length === 0 && child.exitCode === null) await sleep(10);
    child.kill("SIGKILL");
    const [code, signal] = await exited;
    assert.equal(signal, "SIGKILL", `the search ended by itself (exit ${code}) before it was killed`);
    const before = readSearchState(killed);
    assert.equal(before.final, undefined, "killed before the end");
    const done = before.trials.filter((t) => t.curve.length > 0);
    // the workers notice their search is gone and stop: nothing changes their trials after this
    await sleep(500);
    const doneFiles = Object.fromEntries(done.map((t) => [t.id, snapshot(join(killed, t.runDir, "checkpoint"))]));

    const resumed = strata(...SMALL_SEARCH, "--out", killed, "--resume");
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`resuming the search in .*killed: ${done.length} of 4 trials have results`));
    for (const t of done) {
      assert.doesNotMatch(resumed.stdout, new RegExp(`trial ${t.id}: epoch 1 `), `trial ${t.id} finished epoch 1 before the kill and is not trained again`);
      const after = readSearchState(killed).trials.find((u) => u.id === t.id)!;
      assert.deepEqual(after.curve[0], t.curve[0]);
      if (after.curve.length === 1) assert.deepEqual(snapshot(join(killed, t.runDir, "checkpoint")), doneFiles[t.id], `stopped trial ${t.id} untouched`);
    }

    const [a, b] = [readSearchState(straight), readSearchState(killed)];
    assert.deepEqual(b.trials.map((t) => [t.config, t.curve]), a.trials.map((t) => [t.config, t.curve]), "the same trials, promotions and scores");
    assert.deepEqual(b.final, a.final, "the same best, retrained to the same test accuracy");
    assert.equal(readFileSync(join(killed, "results.md"), "utf8"), readFileSync(join(straight, "results.md"), "utf8"));

    const again = strata(...SMALL_SEARCH, "--out", killed, "--resume");
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /test accuracy: /, "a finished search is not scored on the test set again");
    assert.match(again.stdout, /the best is already retrained and scored/);
  });
});
