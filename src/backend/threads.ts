/** How many threads the wasm backend's kernels may use (the calling one included), and why. */
import { wasmHost } from "#platform/wasm-host.js";
import { getBackend } from "./registry.js";
import { wasmLoadError, wasmRuntime } from "./wasm/index.js";

let threadsWhy = wasmRuntime?.threadsWhy ?? "";
/** Beyond this many threads per core, more threads only take turns on the same cores. */
const MAX_THREADS_PER_CORE = 4;

/**
 * Set the number of threads large kernels are split over (default: STRATA_THREADS, else the
 * number of cores). Small kernels always run on the calling thread. Without the wasm backend, or
 * where threads are unavailable (a browser page's main thread, a page that is not cross-origin
 * isolated), the count stays 1: backendInfo() says why.
 */
export function setThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`setThreads: expected a whole number ≥ 1, got ${threads}`);
  if (!wasmRuntime) return;
  const cap = MAX_THREADS_PER_CORE * wasmHost.cores();
  if (threads > cap) {
    console.warn(`strata: setThreads(${threads}) is more than ${MAX_THREADS_PER_CORE} per core on this ${wasmHost.cores()}-core machine, which would only add waiting; using ${cap}`);
    threads = cap;
  }
  wasmRuntime.pool.resize(threads);
  if (wasmRuntime.pool.canThread || threads === 1) threadsWhy = `setThreads(${threads})`;
}

export function getThreads(): number {
  return wasmRuntime?.pool.size ?? 1;
}

export interface BackendInfo {
  /** The backend kernels run on: "wasm", "reference", or one registered by the user. */
  backend: string;
  /** Threads the wasm backend splits large kernels over (1 on any other backend). */
  threads: number;
  /** Of those, the ones running now (worker threads start in the background, within milliseconds). */
  threadsRunning: number;
  /** Why that many threads, or why the wasm backend is not in use. */
  why: string;
  /** Bytes of the wasm backend's memory, where its tensors live (it grows, never shrinks); 0 if it did not load. */
  memoryBytes: number;
}

/** Which backend runs, on how many threads, and why — the first thing to check when training is slow. */
export function backendInfo(): BackendInfo {
  const backend = getBackend();
  const memoryBytes = wasmRuntime?.heap.memory.buffer.byteLength ?? 0;
  if (backend === "wasm") return { backend, threads: getThreads(), threadsRunning: Math.min(getThreads(), wasmRuntime!.pool.running), why: threadsWhy, memoryBytes };
  const why = wasmLoadError ? `the wasm backend did not load: ${wasmLoadError.message}` : `"${backend}" was chosen (setBackend or STRATA_BACKEND)`;
  return { backend, threads: 1, threadsRunning: 1, why, memoryBytes };
}
