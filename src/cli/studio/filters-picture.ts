/** The newest first-layer filter snapshot of a run (filters/epoch-N.safetensors) drawn as a PNG. */
import { basename } from "node:path";
import { encodePng, filterImage } from "../../viz/index.js";
import { filterSnapshotFiles, readFilterSnapshot } from "../filter-snapshots.js";
import { HttpError } from "./http-error.js";
import { fileInRun } from "./run-files.js";
import type { Run } from "./runs.js";

export async function latestFiltersPng(run: Run): Promise<Uint8Array> {
  const latest = filterSnapshotFiles(run.dir).at(-1);
  if (latest === undefined) throw new HttpError(404, `run ${run.name} saved no filter snapshots (only models with a convolution do)`);
  const { weight } = await readFilterSnapshot(await fileInRun(run, "filters", basename(latest.path)));
  return encodePng(filterImage(weight, { maxFilters: 64 }));
}
