/**
 * Run directories: what a command checks before it writes into one, and how a fresh run takes the
 * place of an earlier one — by moving it aside, never by deleting it before the new run has saved
 * its first checkpoint.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { UsageError } from "./options.js";

/** What a run writes first (a checkpoint, a log, protocols results): a folder with none of them holds no run. */
const RUN_MARKS = new Set(["checkpoint", "log.jsonl", "protocols.json", "search.json"]);
/**
 * Everything strata's commands write into a run directory: also the filter snapshots, an inspect
 * report, the protocols table, a search's trials, best run and table, and pictures. Only these move aside; whatever else a user keeps in
 * the folder (or `--out .`) stays where it is.
 */
const RUN_FILES = new Set([...RUN_MARKS, "filters", "inspect", "protocols.md", "trials", "best", "results.md"]);
const isRunFile = (name: string) => RUN_FILES.has(name) || name.endsWith(".png") || name.endsWith(".svg");

/** Refuses an output folder that is a file; called before anything is read or written. */
export function checkRunDir(dir: string, flag = "--out"): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${flag} ${dir} is a file; it should name a folder`);
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

/** Moves an earlier run's files in runDir (created if need be) to a sibling folder, and returns it; null when there were none. */
export function moveEarlierRunAside(runDir: string): string | null {
  const files = existsSync(runDir) ? readdirSync(runDir).filter(isRunFile) : [];
  mkdirSync(runDir, { recursive: true });
  if (!files.some((name) => RUN_MARKS.has(name))) return null;
  const aside = asideName(runDir, files);
  mkdirSync(aside);
  for (const name of files) renameSync(join(runDir, name), join(aside, name));
  return aside;
}

/**
 * Takes runDir for a fresh run, once the command has checked its inputs: an earlier run there moves
 * aside (print says where). Returns what to call when the new run has saved its first `results`
 * (a checkpoint, say): with overwrite it deletes the earlier run, else it does nothing.
 */
export function takeRunDir(runDir: string, { overwrite = false, results = "checkpoint", print = console.log }: { overwrite?: boolean; results?: string; print?: (line: string) => void } = {}): () => void {
  const previous = moveEarlierRunAside(runDir);
  if (previous === null) return () => {};
  print(`the earlier run in ${runDir} is now in ${previous} (${overwrite ? `deleted once this run has saved its first ${results}` : "kept; delete it when it is no longer wanted"})`);
  return overwrite ? () => rmSync(previous, { recursive: true, force: true }) : () => {};
}
