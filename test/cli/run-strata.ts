/** Running the built `strata` command in a child process, and a scratch folder removed after the file's tests. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

/** strata's exit code and output for these arguments (CI=true: no progress bars). */
export function strata(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** strata started in the background (CI=true), to watch its output as it goes or stop it midway. */
export function startStrata(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [main, ...args], { env: { ...process.env, CI: "true" } });
}

/** A fresh temporary folder, deleted when the test file's tests are done. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
