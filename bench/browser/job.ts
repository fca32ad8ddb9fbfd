/**
 * The browser bench's side of a job, in a page's Web Worker (bench.html starts it): its parameters
 * come in its own URL's query, and it posts back its result or its error.
 */
import { timingFor, type Timing } from "../harness.js";

export function runJob(job: (params: URLSearchParams, timing: Timing) => Promise<unknown>): void {
  const params = new URL(self.location.href).searchParams;
  job(params, timingFor(params.get("mode") === "quick")).then(
    (result) => self.postMessage(result),
    (error: unknown) => self.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
  );
}

/** The workload keys of the job (a comma-separated `keys` parameter). */
export const keysOf = (params: URLSearchParams): string[] => (params.get("keys") ?? "").split(",").filter(Boolean);
