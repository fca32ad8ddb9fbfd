/** Running a trial job in its own worker process, and a few jobs at a time. */
import { fork } from "node:child_process";
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TrialJob, TrialReport } from "./trial-worker.js";

const WORKER = fileURLToPath(new URL("./trial-worker.js", import.meta.url));
/** How much of a failed worker's error output the failure keeps. */
const STDERR_TAIL = 1500;

export type JobOutcome = { report: TrialReport } | { failure: string };

/**
 * Runs the job in a forked worker with one backend thread (the search runs several side by side),
 * its output appended to logFile. A worker that exits without a report — an error, a crash, a kill —
 * is a failure, told with its exit code or signal and the end of its error output.
 */
export function runTrialJob(job: TrialJob, logFile: string): Promise<JobOutcome> {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile, { flags: "a" });
    const child = fork(WORKER, [], { stdio: ["ignore", "pipe", "pipe", "ipc"], env: { ...process.env, STRATA_THREADS: "1", CI: "true" } });
    let report: TrialReport | null = null;
    let stderr = "";
    child.stdout!.pipe(log, { end: false });
    child.stderr!.on("data", (chunk: Buffer) => {
      log.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.on("message", (message) => (report = message as TrialReport));
    child.on("error", (error) => (stderr += `\n${error.message}`));
    child.on("exit", (code, signal) => {
      log.end();
      if (report && code === 0) return resolve({ report });
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve({ failure: `${how}: ${stderr.trim().split("\n").slice(-6).join(" | ") || "no error output"}` });
    });
    child.send(job);
  });
}

/** Calls run on every item, at most `workers` at a time, and waits for them all. */
export async function forEachInParallel<T>(items: readonly T[], workers: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}
