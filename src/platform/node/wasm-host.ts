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
    // not the parent's --input-type (node -e code): a worker given it refuses to start
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith("--input-type"));
    return (id) => {
      const worker = new Worker(script, { workerData: { module, memory, id }, execArgv });
      // the caller runs every chunk a missing worker does not claim: say so, don't crash
      worker.on("error", (error) => console.warn(`strata: wasm worker thread ${id} stopped (${error.message}); its share of the work runs on the other threads`));
      return worker;
    };
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

  /**
   * STRATA_THREADS, else the number of cores. A bad value is said in one line and the default used:
   * an exception here would surface as a stack trace from the import of the whole library.
   */
  async defaultThreads() {
    const requested = process.env.STRATA_THREADS;
    const byCores = { threads: availableParallelism(), why: "one per core" };
    if (requested === undefined || requested === "") return byCores;
    const n = Number(requested);
    if (!Number.isInteger(n) || n < 1) {
      console.warn(`strata: STRATA_THREADS must be a whole number ≥ 1, got "${requested}"; using ${byCores.threads} (one per core)`);
      return byCores;
    }
    return { threads: n, why: `STRATA_THREADS=${requested}` };
  },

  cores: availableParallelism,
};
