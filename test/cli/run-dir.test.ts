/** A fresh run where one already is: the earlier run's files move to a sibling folder named by their last write; nothing else moves. */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkRunDir, moveEarlierRunAside } from "../../src/cli/run-dir.js";
import { snapshot } from "./dir-snapshot.js";
import { scratchDir } from "./run-strata.js";

const dir = scratchDir("strata-run-dir-");

/** A run's files (checkpoint, log, a picture) beside a file of the user's, last written at 2024-05-06 07:08:09 UTC. */
function fakeRun(runDir: string): void {
  mkdirSync(join(runDir, "checkpoint"), { recursive: true });
  writeFileSync(join(runDir, "checkpoint", "checkpoint.json"), "{}");
  writeFileSync(join(runDir, "log.jsonl"), '{"epoch":1}\n');
  writeFileSync(join(runDir, "filters.png"), "png");
  writeFileSync(join(runDir, "notes.txt"), "mine");
  const when = new Date("2024-05-06T07:08:09Z");
  for (const name of ["checkpoint", "log.jsonl", "filters.png"]) utimesSync(join(runDir, name), when, when);
}

describe("moveEarlierRunAside", () => {
  it("moves the run's files, and only them, to <dir>.previous-<time of their last write>", () => {
    const runDir = join(dir, "a");
    fakeRun(runDir);
    const before = snapshot(runDir);
    const aside = moveEarlierRunAside(runDir);
    assert.equal(aside, join(dir, "a.previous-2024-05-06T07-08-09Z"));
    const { "notes.txt": notes, ...runFiles } = before;
    assert.deepEqual(snapshot(aside), runFiles);
    assert.deepEqual(snapshot(runDir), { "notes.txt": notes });
  });

  it("gives a second earlier run of the same second its own folder", () => {
    const runDir = join(dir, "b");
    fakeRun(runDir);
    moveEarlierRunAside(runDir);
    fakeRun(runDir);
    assert.equal(moveEarlierRunAside(runDir), join(dir, "b.previous-2024-05-06T07-08-09Z-2"));
    assert.equal(readFileSync(join(dir, "b.previous-2024-05-06T07-08-09Z-2", "log.jsonl"), "utf8"), '{"epoch":1}\n');
  });

  it("moves nothing where there is no run (no checkpoint, log or results), creating the folder", () => {
    assert.equal(moveEarlierRunAside(join(dir, "new")), null);
    assert.deepEqual(readdirSync(join(dir, "new")), []);
    writeFileSync(join(dir, "new", "notes.txt"), "mine");
    writeFileSync(join(dir, "new", "holiday.png"), "mine too");
    assert.equal(moveEarlierRunAside(join(dir, "new")), null);
    assert.deepEqual(readdirSync(join(dir, "new")).sort(), ["holiday.png", "notes.txt"]);
  });

  it("refuses a run directory that is a file", () => {
    writeFileSync(join(dir, "file"), "");
    assert.throws(() => checkRunDir(join(dir, "file")), /--out .*file is a file; it should name a folder/);
  });
});
