/** The runs a studio serves: a name for URLs and the real path of each run's folder. */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";

export interface Run {
  name: string;
  /** The folder's real path (links resolved), which every file served from the run must stay inside. */
  dir: string;
}

export interface RunSource {
  /** The runs as they are now. */
  list(): Run[];
  /** Describes where the runs come from, for the command's first line. */
  readonly origin: string;
}

/** The run directories given on the command line; each must be a folder that exists. */
export function givenRuns(dirs: readonly string[]): RunSource {
  const runs = named(dirs.map((dir) => {
    if (!existsSync(dir)) throw new Error(`no run directory ${dir} (train one with \`strata train lenet5 --out ${dir}\`)`);
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is a file; a run directory is the folder \`strata train --out\` wrote`);
    return realpathSync(dir);
  }));
  return { list: () => runs, origin: runs.length === 1 ? "1 run" : `${runs.length} runs` };
}

/**
 * Every subfolder of root that holds a log.jsonl, looked up again on each call so that runs
 * started after the studio appear in it. A missing root is an empty list: training creates it.
 */
export function runsFolder(root: string): RunSource {
  return {
    list: () => {
      if (!existsSync(root)) return [];
      const names = readdirSync(root).filter((name) => !name.startsWith(".") && existsSync(join(root, name, "log.jsonl")));
      return named(names.sort().map((name) => realpathSync(join(root, name))));
    },
    origin: `the runs in ${resolve(root)}`,
  };
}

/** Runs named by their folders; a name taken by an earlier folder gets "-2", "-3", … */
function named(dirs: readonly string[]): Run[] {
  const taken = new Set<string>();
  return dirs.map((dir) => {
    let name = basename(dir);
    for (let i = 2; taken.has(name); i++) name = `${basename(dir)}-${i}`;
    taken.add(name);
    return { name, dir };
  });
}
