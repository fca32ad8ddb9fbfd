/** `strata studio` on the command line: it prints where it listens, warns off loopback, and names bad arguments. */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { get } from "./studio-http.js";
import { scratchDir, strata } from "./run-strata.js";

const scratch = scratchDir("strata-studio-command-");
const main = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const running: ChildProcess[] = [];
after(() => running.forEach((child) => child.kill()));

/** Starts `strata studio ...args` and resolves once it has printed its address. */
function studio(args: string[], cwd?: string): Promise<{ port: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [main, "studio", ...args], { cwd, env: { ...process.env, CI: "true" } });
  running.push(child);
  let stdout = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`strata studio printed no address in 10 s:\n${stdout}${stderr}`)), 10_000);
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const port = /open http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ port: Number(port), stdout, stderr });
      }
    });
    child.on("exit", (code) => reject(new Error(`strata studio exited (${code}):\n${stdout}${stderr}`)));
  });
}

function fakeRun(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "log.jsonl"), `${JSON.stringify({ epoch: 1, trainLoss: 0.5 })}\n`);
  return dir;
}

describe("strata studio command", () => {
  it("is documented in --help", () => {
    assert.match(strata("--help").stdout, /\n  studio /);
    const help = strata("studio", "--help").stdout.replace(/\s+/g, " ");
    for (const text of ["--port <n>", "--host <address>", "0 takes any free port", "anyone on the network", "/runs/<name>/checkpoint/<file>"]) assert.ok(help.includes(text), `studio --help lacks ${text}`);
  });

  it("serves the runs it is given on a free port with --port 0, printing the address", async () => {
    const { port, stdout, stderr } = await studio([fakeRun(join(scratch, "given", "first")), "--port", "0"]);
    assert.match(stdout, /strata studio: 1 run \(first\)/);
    assert.equal(stderr, "");
    const runs = JSON.parse((await get(port, "/api/runs")).text);
    assert.deepEqual(runs.map((r: { name: string }) => r.name), ["first"]);
  });

  it("without run directories serves ./runs", async () => {
    fakeRun(join(scratch, "project", "runs", "one"));
    fakeRun(join(scratch, "project", "runs", "two"));
    const { port, stdout } = await studio(["--port", "0"], join(scratch, "project"));
    assert.match(stdout, /the runs in .*project\/runs \(one, two\)/);
    assert.equal((await get(port, "/api/runs")).status, 200);
  });

  it("warns that anyone on the network can read the runs when told to listen beyond this machine", async () => {
    const { port, stderr } = await studio([fakeRun(join(scratch, "shared")), "--host", "0.0.0.0", "--port", "0"]);
    assert.match(stderr, /warning: listening on 0\.0\.0\.0, not only on this machine: anyone who can reach it on the network can read these runs/);
    assert.equal((await get(port, "/api/runs")).status, 200);
    assert.equal((await get(port, "/api/runs", { headers: { Host: `evil.example:${port}` } })).status, 421, "still no DNS rebinding");
  });

  it("names a missing run directory and a bad port", () => {
    const missing = strata("studio", join(scratch, "nowhere"), "--port", "0");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^strata: no run directory .*nowhere/);
    const port = strata("studio", "--port", "70000");
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port .*expected a port from 0 to 65535 \(0: any free port\), got "70000"/);
  });
});
