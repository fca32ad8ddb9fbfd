/**
 * Run directories: what a command checks before it writes into one, and how a fresh run takes the
 * place of an earlier one — by moving it aside, never by deleting it before the new run has saved
 * its first checkpoint.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { UsageError } from "./options.js";

/**
 * The files strata's commands write into a run directory: the checkpoint, the log, the filter
 * snapshots, an inspect report, the protocols tables, and pictures. Only these move aside; whatever
 * else a user keeps in the folder (or `--out .`) stays where it is.
 */
const RUN_FILES = new Set(["checkpoint", "log.jsonl", "filters", "inspect", "protocols.json", "protocols.md"]);
const isRunFile = (name: string) => RUN_FILES.has(name) || name.endsWith(".png");

/** Refuses a run directory that cannot be one (a file); called before anything is read or written. */
export function checkRunDir(runDir: string, flag = "--out"): void {
  if (existsSync(runDir) && !statSync(runDir).isDirectory()) throw new UsageError(`${flag} ${runDir} is a file; a run directory is a folder`);
}

/** The sibling an earlier run moves to: <runDir>.previous-<UTC time of its last write>, made unique. */
function asideName(runDir: string, files: string[]): string {
  const lastWrite = Math.max(...files.map((name) => statSync(join(runDir, name)).mtimeMs));
  const stamp = new Date(lastWrite).toISOString().slice(0, 19).replaceAll(":", "-") + "Z";
  // join(runDir, "..", name) keeps a relative --out relative, and makes "." a sibling of the current folder
  const base = join(runDir, "..", `${basename(resolve(runDir))}.previous-${stamp}`);
  let aside = base;
  for (let i = 2; existsSync(aside); i++) aside = `${base}-${i}`;
  return aside;
}

/**
 * Makes runDir ready for a fresh run. An earlier run's files are moved to a sibling folder, which is
 * returned (null when there were none); the caller deletes it, if asked to, once the new run has a
 * checkpoint of its own.
 */
export function moveEarlierRunAside(runDir: string): string | null {
  const files = existsSync(runDir) ? readdirSync(runDir).filter(isRunFile) : [];
  mkdirSync(runDir, { recursive: true });
  if (files.length === 0) return null;
  const aside = asideName(runDir, files);
  mkdirSync(aside);
  for (const name of files) renameSync(join(runDir, name), join(aside, name));
  return aside;
}
