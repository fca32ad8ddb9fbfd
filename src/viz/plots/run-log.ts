/** Node.js only: the log records of a run directory (as `strata train` leaves it), to plot with trainingCurves. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { JsonlLog } from "../../train/index.js";
import type { LogRecord } from "./log-records.js";

/** The records of `<runDir>/log.jsonl`, one per epoch. */
export function readRunLog(runDir: string): LogRecord[] {
  const path = join(runDir, "log.jsonl");
  if (!existsSync(path)) {
    throw new Error(`readRunLog: there is no log.jsonl in ${runDir} (looked for ${path}); a run directory gets one from \`strata train\`, or from fit() given a logFile`);
  }
  return JsonlLog.read(path);
}
