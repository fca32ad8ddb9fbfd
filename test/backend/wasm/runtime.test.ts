import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { getBackend, getThreads, listBackends, matmul, randn, setBackend, setThreads } from "../../../src/index.js";

const entry = fileURLToPath(new URL("../../../src/index.js", import.meta.url));

/** What a fresh process prints for `expression` after importing Strata with `env` set. */
function inFreshProcess(expression: string, env: Record<string, string>) {
  const script = `const s = await import(${JSON.stringify(entry)}); console.log(JSON.stringify(${expression}));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, ...env } });
  return { status: r.status, value: r.status === 0 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

describe("wasm runtime", () => {
  it("is registered, and the default backend, where it loads", () => {
    assert.ok(listBackends().includes("wasm"));
    assert.deepEqual(inFreshProcess("s.getBackend()", { STRATA_BACKEND: "" }).value, "wasm");
  });

  it("STRATA_BACKEND=reference selects the reference backend, and setBackend switches at run time", () => {
    assert.deepEqual(inFreshProcess("s.getBackend()", { STRATA_BACKEND: "reference" }).value, "reference");
    const initial = getBackend();
    try {
      setBackend("reference");
      assert.equal(getBackend(), "reference");
    } finally {
      setBackend(initial);
    }
  });

  it("STRATA_THREADS sets the thread count, defaulting to the number of cores", async () => {
    const { availableParallelism } = await import("node:os");
    assert.deepEqual(inFreshProcess("s.getThreads()", { STRATA_THREADS: "3" }).value, 3);
    assert.deepEqual(inFreshProcess("s.getThreads()", { STRATA_THREADS: "" }).value, availableParallelism());
  });

  it("rejects a bad STRATA_THREADS or STRATA_BACKEND with a message naming it", () => {
    const threads = inFreshProcess("s.getThreads()", { STRATA_THREADS: "two" });
    assert.notEqual(threads.status, 0);
    assert.match(threads.stderr, /STRATA_THREADS must be a whole number ≥ 1, got "two"/);
    const backend = inFreshProcess("s.getBackend()", { STRATA_BACKEND: "cuda" });
    assert.notEqual(backend.status, 0);
    assert.match(backend.stderr, /no backend named "cuda" \(registered: reference, wasm\)/);
    assert.throws(() => setThreads(0), /setThreads: expected a whole number ≥ 1, got 0/);
  });

  it("gives the same products on 1, 2 and 4 threads, job after job", () => {
    const initial = getThreads();
    const a = randn([300, 200]);
    const b = randn([200, 250]);
    try {
      setThreads(1);
      const expected = matmul(a, b).toArray();
      for (const threads of [2, 4, 2]) {
        setThreads(threads);
        assert.equal(getThreads(), threads);
        // many jobs back to back: the workers must never run a stale or half-published job
        for (let i = 0; i < 20; i++) assert.deepEqual(matmul(a, b).toArray(), expected);
      }
    } finally {
      setThreads(initial);
    }
  });
});
