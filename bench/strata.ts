/** Strata on every registered backend, with the wasm backend's thread count, and its 1-thread W1 rows. */
import { getBackend, getThreads, listBackends, manualSeed, setBackend, setThreads } from "../src/index.js";
import { measureAll, type LibraryResult, type Timing } from "./harness.js";
import { isSingleThreadVariant } from "./spec.js";
import { makeStrataWorkload } from "./workloads.js";

/** Backends whose kernels never use the thread pool (getThreads() is the pool's size, whatever the backend). */
const SINGLE_THREADED_BACKENDS = new Set(["reference"]);

/** The threads the active backend's kernels use. */
export function strataThreads(): number {
  return SINGLE_THREADED_BACKENDS.has(getBackend()) ? 1 : getThreads();
}

/**
 * Runs `keys` on each backend of `listBackends()`. The "-1t" keys run with `setThreads(1)` on a
 * backend whose default is several threads, and are left out on a single-threaded one (its
 * ordinary row is already the one-thread figure).
 */
export function runStrata(keys: readonly string[], timing: Timing): LibraryResult {
  const result: LibraryResult = { rows: [], notes: [] };
  const initialBackend = getBackend();
  const poolSize = getThreads();
  const run = (backend: string, threads: number, subset: string[]) => {
    if (subset.length === 0) return;
    setThreads(threads);
    manualSeed(0);
    const r = measureAll(subset, makeStrataWorkload, { library: "strata", backend, threads }, timing);
    result.rows.push(...r.rows);
    result.notes.push(...r.notes);
  };
  for (const backend of listBackends()) {
    setBackend(backend);
    const threads = strataThreads();
    run(backend, threads, keys.filter((k) => !isSingleThreadVariant(k)));
    if (threads > 1) run(backend, 1, keys.filter(isSingleThreadVariant));
    setThreads(poolSize);
  }
  setBackend(initialBackend);
  return result;
}
