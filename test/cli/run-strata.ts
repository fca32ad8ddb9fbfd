/** Running the built `strata` command in a child process, and a scratch folder removed after the file's tests. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

export interface StrataResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** CI=true: no progress bars. */
const env = () => ({ ...process.env, CI: "true" });

/** strata's exit code and output for these arguments. */
export function strata(...args: string[]): StrataResult {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: "utf8", env: env() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** strata started with these arguments, for a test to watch while it works; stop() ends it early. */
export function strataInBackground(...args: string[]): { done: Promise<StrataResult>; stop(): void } {
  const child = spawn(process.execPath, [main, ...args], { env: env() });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<StrataResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { done, stop: () => child.kill() };
}

/** A fresh temporary folder, deleted when the test file's tests are done. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
