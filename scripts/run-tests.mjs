#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with Node's built-in test runner.
// Node 20 does not expand globs itself, so the files are listed here. Extra arguments are
// passed to `node --test` (e.g. --test-name-pattern). Files run one per core at once, up to 4
// (Node's default is one fewer than the cores, so a 2-core machine ran them one by one: 296–311 s
// for the whole suite, against 234 s two at a time); --test-concurrency=N overrides it.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith(".test.js") ? [path] : [];
  });
}

const filter = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const given = process.argv.slice(2).filter((a) => a.startsWith("--"));
const flags = given.some((a) => a.startsWith("--test-concurrency")) ? given : [`--test-concurrency=${Math.min(4, availableParallelism())}`, ...given];
const files = findTests("dist/test").filter((f) => filter.length === 0 || filter.some((p) => f.includes(p))).sort();
if (files.length === 0) {
  console.error("run-tests: no test files found under dist/test (run `npm run build` first)");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--test", ...flags, ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
