/**
 * Loads the TF.js wasm backend from its npm package, in one of its two SIMD builds:
 *
 * - "wasm": what TF.js picks by itself in Node. Its `WASM_HAS_MULTITHREAD_SUPPORT` flag is false
 *   whenever it runs in Node, so it loads `tfjs-backend-wasm-simd.wasm`: SIMD, one thread.
 * - "wasm-mt": its threaded SIMD build (`tfjs-backend-wasm-threaded-simd.wasm`, pthreads over
 *   SharedArrayBuffer workers), which needs three work-arounds to run in Node 20:
 *   1. the flag has to be forced on;
 *   2. Emscripten starts its workers from `blob:` URLs, which Node's `Worker` refuses
 *      (ERR_WORKER_PATH), so while the backend initialises `URL.createObjectURL` hands out a
 *      temporary file holding the same worker script instead, and that worker is told to load the
 *      package's own main script from its path;
 *   3. TF.js sizes its XNNPACK pool at half the logical cores ("2 threads per core"), which is one
 *      thread on this 2-core machine, so `os.cpus()` reports each core twice during initialisation,
 *      and `setThreadsCount` asks for one thread per real core.
 * The bench runs each variant in its own process, since TF.js picks the build once per process.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export type TfjsWasmVariant = "wasm" | "wasm-mt";

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));

export interface LoadedWasm {
  threads: number;
  /** Which build ran, for the notes under the table. */
  note: string;
}

export async function loadTfjsWasm(variant: TfjsWasmVariant): Promise<LoadedWasm> {
  setWasmPaths(join(packageDir, "dist") + "/");
  if (variant === "wasm-mt") await initialiseThreaded();
  else if (!(await tf.setBackend("wasm"))) throw new Error("tfjs: the wasm backend did not initialise");
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const threads = getThreadsCount();
  const build = variant === "wasm-mt" ? "tfjs-backend-wasm-threaded-simd.wasm" : simd ? "tfjs-backend-wasm-simd.wasm" : "tfjs-backend-wasm.wasm";
  const how = variant === "wasm-mt" ? "with the bench's Node work-arounds (bench/peers/tfjs-wasm-loader.ts)" : "as TF.js chooses in Node";
  return { threads, note: `tfjs/${variant} ran ${build}, ${threads} thread${threads > 1 ? "s" : ""}, ${how}` };
}

async function initialiseThreaded(): Promise<void> {
  const cores = os.cpus().length;
  const workerDir = mkdtempSync(join(os.tmpdir(), "strata-bench-tfjs-"));
  const workerPath = writeWorkerScript(workerDir);
  const realCreateObjectURL = URL.createObjectURL;
  const realCpus = os.cpus;
  URL.createObjectURL = (blob: Blob) => (blob.type === "application/javascript" ? workerPath : realCreateObjectURL(blob));
  os.cpus = () => [...realCpus(), ...realCpus()];
  try {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
    setThreadsCount(cores);
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs: the threaded wasm backend did not initialise");
  } finally {
    URL.createObjectURL = realCreateObjectURL;
    os.cpus = realCpus;
    rmSync(workerDir, { recursive: true, force: true }); // the pool's workers have all started by now
  }
}

/** The package's pthread worker script, in a file, set to load the package's main script from its path. */
function writeWorkerScript(dir: string): string {
  const { wasmWorkerContents } = require(join(packageDir, "wasm-out/tfjs-backend-wasm-threaded-simd.worker.js")) as { wasmWorkerContents: string };
  const mainScript = join(packageDir, "wasm-out/tfjs-backend-wasm-threaded-simd.js");
  const path = join(dir, "worker.cjs");
  // The worker asks for an object URL of the main script it was sent; give it the file instead.
  const redirect = `URL.createObjectURL = () => ${JSON.stringify(mainScript)}; URL.revokeObjectURL = () => {};\n`;
  // The exported text holds escapes as real newlines (TF.js re-escapes them the same way for its Blob).
  writeFileSync(path, redirect + wasmWorkerContents.replace(/\n/g, "\\n"));
  return path;
}
