/** Strata on every registered backend: at its thread count, and on one thread too where that differs. */
import { getBackend, getThreads, listBackends, manualSeed, setBackend, setThreads } from "../src/index.js";
import { measureAll, type LibraryResult, type Timing } from "./harness.js";
import { makeStrataWorkload } from "./workloads.js";

/** Backends whose kernels never use the thread pool (getThreads() is the pool's size, whatever the backend). */
const SINGLE_THREADED_BACKENDS = new Set(["reference"]);

/** The threads the active backend's kernels use. */
export function strataThreads(): number {
  return SINGLE_THREADED_BACKENDS.has(getBackend()) ? 1 : getThreads();
}

/**
 * Runs `keys` on each backend of `listBackends()` with its threads, and again with `setThreads(1)`
 * on a backend that uses several, so that one-thread figures sit beside the peers' one-thread ones
 * (`oneThreadKeys` of them: quick mode keeps this second pass to W1).
 */
export async function runStrata(keys: readonly string[], oneThreadKeys: readonly string[], timing: Timing): Promise<LibraryResult> {
  const result: LibraryResult = { rows: [], notes: [] };
  const initialBackend = getBackend();
  const poolSize = getThreads();
  const run = async (backend: string, threads: number, subset: readonly string[]) => {
    setThreads(threads);
    manualSeed(0);
    const r = await measureAll(subset, makeStrataWorkload, { library: "strata", backend, threads }, timing);
    result.rows.push(...r.rows);
    result.notes.push(...r.notes);
  };
  for (const backend of listBackends()) {
    setBackend(backend);
    const threads = strataThreads();
    await run(backend, threads, keys);
    if (threads > 1) await run(backend, 1, oneThreadKeys);
    setThreads(poolSize);
  }
  setBackend(initialBackend);
  return result;
}
