/** The wasm backend's needs, met by Node.js: the file system, worker_threads, V8's collector. */
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import type { WasmHost } from "../wasm-host-type.js";

export const wasmHost: WasmHost = {
  async compileKernels(url) {
    return WebAssembly.compile(await readFile(url));
  },

  workerSpawner(module, memory) {
    const script = new URL("./wasm-worker.js", import.meta.url);
    return (id) => new Worker(script, { workerData: { module, memory, id } });
  },

  /**
   * Node offers `gc` only behind --expose-gc: the flag is turned on just long enough to fetch the
   * function from a fresh context, and off again, so the user's global scope gains nothing.
   */
  async fullCollection() {
    setFlagsFromString("--expose-gc");
    try {
      const gc = runInNewContext("gc") as unknown;
      return typeof gc === "function" ? () => void gc() : null;
    } finally {
      setFlagsFromString("--no-expose-gc");
    }
  },

  /** STRATA_THREADS, else the number of cores. A bad value is an error, not silently ignored. */
  async defaultThreads() {
    const requested = process.env.STRATA_THREADS;
    if (requested === undefined || requested === "") return { threads: availableParallelism(), why: "one per core" };
    const n = Number(requested);
    if (!Number.isInteger(n) || n < 1) throw new Error(`STRATA_THREADS must be a whole number ≥ 1, got "${requested}"`);
    return { threads: n, why: `STRATA_THREADS=${requested}` };
  },
};
