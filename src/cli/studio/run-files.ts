/** Finding a file of a run, or of another folder the studio serves, without ever leaving that folder, whatever links it holds. */
import { realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { HttpError } from "./http-error.js";
import type { Run } from "./runs.js";

/**
 * The real path of the file at parts inside folder (itself a real path), which `what` names in
 * errors ("run lenet5"): a 404 if there is none, a 403 if it resolves (through a link) to a place
 * outside the folder. parts come from checked URL segments or from names this module's callers
 * chose, never with "..".
 */
export async function fileInFolder(folder: string, what: string, parts: readonly string[]): Promise<string> {
  let real: string;
  try {
    real = await realpath(join(folder, ...parts));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new HttpError(404, `${what} has no ${parts.join("/")}`);
    throw error;
  }
  if (!real.startsWith(folder + sep)) throw new HttpError(403, `${parts.join("/")} of ${what} leads outside its folder`);
  return real;
}

/** The real path of the file at parts inside run's folder (see fileInFolder). */
export const fileInRun = (run: Run, ...parts: string[]): Promise<string> => fileInFolder(run.dir, `run ${run.name}`, parts);
