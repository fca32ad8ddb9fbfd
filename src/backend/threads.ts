/** How many threads the wasm backend's kernels may use (the calling one included). */
import { wasmRuntime } from "./wasm/index.js";

/**
 * Set the number of threads large kernels are split over (default: STRATA_THREADS, else the
 * number of cores). Small kernels always run on the calling thread. Without the wasm backend, or
 * where threads are unavailable (a browser page's main thread), the count stays 1.
 */
export function setThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`setThreads: expected a whole number ≥ 1, got ${threads}`);
  wasmRuntime?.pool.resize(threads);
}

export function getThreads(): number {
  return wasmRuntime?.pool.size ?? 1;
}
