/**
 * The browser bench's side of a job, in a page's Web Worker (bench.html starts it): its parameters
 * come in its own URL's query, and it posts back its result or its error.
 */
import { timingFor, type Timing } from "../harness.js";

/**
 * Timing in Chromium, for every library alike: more warm-ups than BENCHMARKS.md's minimum of 2,
 * since Chromium runs wasm (and JS) on baseline code until a function has been hot a while. Strata
 * on W3, one thread: 4,600–5,100 samples/s after 2 warm-ups, 6,300–7,200 after 30, 7,300–7,400
 * after 60 or 100 (two threads: 3,600–4,200, 10,800–11,700, 11,500–12,800).
 */
export const BROWSER_TIMING: Timing = { warmup: 60, reps: 11, minSeconds: 0, budgetSeconds: 300 };

export function runJob(job: (params: URLSearchParams, timing: Timing) => Promise<unknown>): void {
  const params = new URL(self.location.href).searchParams;
  job(params, params.get("mode") === "quick" ? timingFor(true) : BROWSER_TIMING).then(
    (result) => self.postMessage(result),
    (error: unknown) => self.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
  );
}

/** The workload keys of the job (a comma-separated `keys` parameter). */
export const keysOf = (params: URLSearchParams): string[] => (params.get("keys") ?? "").split(",").filter(Boolean);
