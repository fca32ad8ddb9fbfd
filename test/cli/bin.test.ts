/**
 * The `strata` entry point (dist/src/cli/bin.js): the CLI's packages are optional for a library
 * user, so one that is missing is named with its install command, while any other failure is not
 * mistaken for it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { scratchDir } from "./run-strata.js";

const bin = fileURLToPath(new URL("../../src/cli/bin.js", import.meta.url));

/** Runs a copy of bin.js beside a main.js with the given source. */
function runWithMain(mainSource: string): { code: number | null; stderr: string } {
  const dir = scratchDir("strata-bin-");
  copyFileSync(bin, join(dir, "bin.js"));
  writeFileSync(join(dir, "main.js"), mainSource);
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
  const r = spawnSync(process.execPath, [join(dir, "bin.js")], { encoding: "utf8" });
  return { code: r.status, stderr: r.stderr };
}

describe("strata's entry point", () => {
  it("names a missing package and the command that installs it", () => {
    const r = runWithMain('import { Command } from "commander-not-installed";\n');
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'strata: the command needs the npm package "commander-not-installed", which is not installed: run `npm install commander-not-installed`');
  });

  it("names a scoped package whole", () => {
    assert.match(runWithMain('import "@scope/missing-thing/sub.js";\n').stderr, /needs the npm package "@scope\/missing-thing"/);
  });

  it("lets other failures through as they are", () => {
    const r = runWithMain('import "./not-here.js";\n');
    assert.notEqual(r.code, 0);
    assert.doesNotMatch(r.stderr, /needs the npm package/);
    assert.match(r.stderr, /not-here\.js/);
  });

  it("runs the CLI itself", () => {
    const r = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: strata/);
  });
});
