/** What every training command does with its run directory, and with the flags it was given. */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { filterSnapshotFolder } from "./filter-snapshots.js";

export interface RunPaths {
  checkpointDir: string;
  logFile: string;
}

/**
 * The checkpoint folder and log of a run in `runDir`. Resuming needs a checkpoint there; a fresh
 * run replaces what an earlier run left in the same directory.
 */
export function prepareRunDir(runDir: string, resume: boolean | undefined): RunPaths {
  const checkpointDir = join(runDir, "checkpoint");
  const logFile = join(runDir, "log.jsonl");
  if (resume && !existsSync(join(checkpointDir, "checkpoint.json"))) {
    throw new Error(`--resume: no checkpoint in ${checkpointDir} (train once without --resume first, or pass --out)`);
  }
  if (!resume) {
    rmSync(checkpointDir, { recursive: true, force: true });
    rmSync(logFile, { force: true });
    rmSync(filterSnapshotFolder(runDir), { recursive: true, force: true });
  }
  mkdirSync(runDir, { recursive: true });
  return { checkpointDir, logFile };
}

/** The options the user actually gave (commander leaves the others undefined), to lay over defaults. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
