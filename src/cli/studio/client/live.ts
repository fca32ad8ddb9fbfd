/** Following the runs' logs over one EventSource (/api/events): see ../events.ts for what it sends. */
import type { ProblemEvent, RecordEvent, ResetEvent } from "./protocol.js";

export interface LiveHandlers {
  reset(event: ResetEvent): void;
  record(event: RecordEvent): void;
  problem(event: ProblemEvent): void;
  /** The connection opened (true) or broke, the browser then trying again (false). */
  connected(open: boolean): void;
}

/** Follows the runs named; returns a function that stops. */
export function follow(runs: readonly string[], handlers: LiveHandlers): () => void {
  const source = new EventSource(`/api/events?${runs.map((run) => `run=${encodeURIComponent(run)}`).join("&")}`);
  const on = <T>(event: string, handle: (data: T) => void) => source.addEventListener(event, (e) => handle(JSON.parse((e as MessageEvent<string>).data) as T));
  on<ResetEvent>("reset", handlers.reset);
  on<RecordEvent>("record", handlers.record);
  on<ProblemEvent>("problem", handlers.problem);
  source.addEventListener("open", () => handlers.connected(true));
  source.addEventListener("error", () => handlers.connected(false));
  return () => source.close();
}
