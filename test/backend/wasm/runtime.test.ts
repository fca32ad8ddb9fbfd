import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getBackend, getThreads, listBackends, matmul, randn, setBackend, setThreads } from "../../../src/index.js";
import { wasmRuntime } from "../../../src/backend/wasm/index.js";
import { onWorkers } from "./compare.js";

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

  it("answers a bad STRATA_THREADS or STRATA_BACKEND with one line naming it, and the default", async () => {
    const { availableParallelism } = await import("node:os");
    const threads = inFreshProcess("s.getThreads()", { STRATA_THREADS: "two" });
    assert.equal(threads.value, availableParallelism());
    assert.equal(threads.stderr.trim(), `strata: STRATA_THREADS must be a whole number ≥ 1, got "two"; using ${availableParallelism()} (one per core)`);
    const backend = inFreshProcess("s.getBackend()", { STRATA_BACKEND: "cuda" });
    assert.equal(backend.value, "wasm");
    assert.equal(backend.stderr.trim(), "strata: STRATA_BACKEND=cuda cannot be used: there is no backend of that name (there are: reference, wasm); using wasm");
    assert.throws(() => setThreads(0), /setThreads: expected a whole number ≥ 1, got 0/);
  });

  it("caps an absurd thread count at 4 per core, saying so", async () => {
    const { availableParallelism } = await import("node:os");
    const capped = inFreshProcess("(s.setThreads(1000), s.getThreads())", {});
    assert.equal(capped.value, 4 * availableParallelism());
    assert.match(capped.stderr, new RegExp(`setThreads\\(1000\\) is more than 4 per core on this ${availableParallelism()}-core machine.*using ${4 * availableParallelism()}`));
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

  it("turns a trap inside a job into an error, on the calling thread or a worker, and carries on", async () => {
    const { pool, heap } = wasmRuntime!;
    // a product whose batch-offset table lies beyond the end of memory: every chunk traps
    const badJob = () => {
      heap.scoped(() => {
        const scratch = heap.alloc(4);
        pool.run("gemmChunk", pool.args([8, 8, 8, 0, 8, 1, 0, 8, 1, 0, 1, 0, scratch, 0x7ffffff0]), 4, true);
      });
    };
    const threads = getThreads();
    setThreads(1);
    try {
      assert.throws(badJob, /memory access out of bounds/);
    } finally {
      setThreads(threads);
    }
    // the worker's own trap reason and the chunk it was running reach the calling thread
    await assert.rejects(onWorkers(badJob), /wasm backend: job "gemmChunk" failed on worker thread [1-9]\d*, chunk [0-3] of 4: RuntimeError: memory access out of bounds\n\s+at wasm:/);
    const a = randn([300, 300]);
    assert.deepEqual(await onWorkers(() => matmul(a, a).toArray()), matmul(a, a).toArray());
  });

  it("kernels.wasm has no data segments: each thread instantiates it on the shared memory, and data would be rewritten", () => {
    const bytes = readFileSync(new URL("../../../src/backend/wasm/kernels.wasm", import.meta.url));
    const sections: number[] = [];
    for (let at = 8; at < bytes.length; ) {
      sections.push(bytes[at++]);
      let size = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[at++];
        size |= (byte & 0x7f) << shift;
        if (byte < 0x80) break;
      }
      at += size;
    }
    assert.ok(sections.includes(10), "a code section");
    assert.ok(!sections.includes(11) && !sections.includes(12), `section ids ${sections}: 11/12 are data (e.g. from Mathf/NativeMath tables); use assembly/math.ts`);
  });
});
