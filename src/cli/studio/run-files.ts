/** Finding a file of a run without ever leaving the run's folder, whatever links it holds. */
import { realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { HttpError } from "./http-error.js";
import type { Run } from "./runs.js";

/**
 * The real path of the file at parts inside run's folder: a 404 if there is none, a 403 if it
 * resolves (through a link) to a place outside the folder. parts come from checked URL segments
 * or from names this module's callers chose, never with "..".
 */
export async function fileInRun(run: Run, ...parts: string[]): Promise<string> {
  const path = join(run.dir, ...parts);
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new HttpError(404, `run ${run.name} has no ${parts.join("/")}`);
    throw error;
  }
  if (!real.startsWith(run.dir + sep)) throw new HttpError(403, `${parts.join("/")} of run ${run.name} leads outside the run's folder`);
  return real;
}
