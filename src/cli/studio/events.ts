/**
 * GET /api/events?run=A&run=B: server-sent events following the logs of the runs named. For each
 * run: a "reset", every complete line so far as a "record", then each new line as it is appended,
 * and a "reset" again whenever a fresh run replaces the log. One stream carries all the runs a
 * page shows, because browsers open only about six connections to one server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { ProblemEvent, RecordEvent, ResetEvent } from "./client/protocol.js";
import { LogTail } from "./log-tail.js";
import type { Run } from "./runs.js";
import { SECURITY_HEADERS } from "./security-headers.js";

/** A comment line this often keeps idle connections (and proxies) from timing out. */
const KEEP_ALIVE_MS = 15_000;

export function streamEvents(req: IncomingMessage, res: ServerResponse, runs: readonly Run[], pollMs?: number): void {
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  res.write("retry: 2000\n\n");
  // JSON.stringify escapes newlines, so each payload is one "data:" line as the format needs.
  const send = (event: string, data: ResetEvent | RecordEvent | ProblemEvent) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const tails = runs.map((run) => {
    let line = 0;
    send("reset", { run: run.name });
    const tail = new LogTail(join(run.dir, "log.jsonl"), {
      lines: (lines) => {
        for (const text of lines) {
          line++;
          const record = parseRecord(text);
          if (typeof record === "string") send("problem", { run: run.name, message: `log.jsonl line ${line}: ${record}` });
          else send("record", { run: run.name, line, record });
        }
      },
      reset: () => {
        line = 0;
        send("reset", { run: run.name });
      },
      problem: (message) => send("problem", { run: run.name, message }),
    }, pollMs);
    void tail.check();
    return tail;
  });
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  res.on("close", () => {
    clearInterval(keepAlive);
    for (const tail of tails) tail.close();
  });
}

/** The line's JSON object, or why it is not one. */
function parseRecord(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : "not a JSON object";
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
}
