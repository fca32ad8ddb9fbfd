/**
 * Strata on every registered backend. The thread controls (`getThreads`, `setThreads`) come with
 * the wasm backend; until they are exported every backend counts as one thread.
 */
import * as strata from "../src/index.js";
import { measureAll, type LibraryResult, type Timing } from "./harness.js";
import { isSingleThreadVariant } from "./spec.js";
import { makeStrataWorkload } from "./workloads.js";

interface ThreadControls {
  getThreads(): number;
  setThreads(n: number): void;
}

/** The thread controls if this build of Strata exports them. */
function threadControls(): ThreadControls | null {
  const api = strata as unknown as Partial<ThreadControls>;
  return typeof api.getThreads === "function" && typeof api.setThreads === "function" ? (api as ThreadControls) : null;
}

/** Backends whose kernels never use the thread pool (getThreads() is the pool's size, whatever the backend). */
const SINGLE_THREADED_BACKENDS = new Set(["reference"]);

/** The threads the active backend's kernels use. */
export function strataThreads(): number {
  return SINGLE_THREADED_BACKENDS.has(strata.getBackend()) ? 1 : (threadControls()?.getThreads() ?? 1);
}

/**
 * Runs `keys` on each backend of `listBackends()`. The "-1t" keys run with `setThreads(1)` on a
 * backend whose default is several threads, and are left out on a single-threaded one (its
 * ordinary row is already the one-thread figure).
 */
export function runStrata(keys: readonly string[], timing: Timing): LibraryResult {
  const result: LibraryResult = { rows: [], notes: [] };
  const controls = threadControls();
  const initialBackend = strata.getBackend();
  for (const backend of strata.listBackends()) {
    strata.setBackend(backend);
    const threads = strataThreads();
    const perThreads = (n: number, subset: string[]) => {
      if (subset.length === 0) return;
      if (n !== threads) controls?.setThreads(n);
      strata.manualSeed(0);
      const r = measureAll(subset, makeStrataWorkload, { library: "strata", backend, threads: n }, timing);
      if (n !== threads) controls?.setThreads(threads);
      result.rows.push(...r.rows);
      result.notes.push(...r.notes);
    };
    perThreads(threads, keys.filter((k) => !isSingleThreadVariant(k)));
    if (controls && threads > 1) perThreads(1, keys.filter(isSingleThreadVariant));
  }
  strata.setBackend(initialBackend);
  return result;
}
