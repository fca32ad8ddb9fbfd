/**
 * Strata's browser build (dist/browser: the library's ES modules, their shared chunks, kernels.wasm
 * and the pool's worker script), served under /strata/ so that the try-it panel can run a run's
 * model in the page. Only files directly inside that folder, of the types the build holds.
 */
import { realpath } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { JS } from "./assets.js";
import { HttpError } from "./http-error.js";
import { fileInFolder } from "./run-files.js";

/** Beside dist/src, where `npm run build` (scripts/browser-bundle.mjs) writes it. */
const BUILD_DIR = fileURLToPath(new URL("../../../browser/", import.meta.url));

const TYPES: Record<string, string> = {
  ".js": JS,
  ".map": "application/json; charset=utf-8",
  // WebAssembly.instantiateStreaming takes nothing else
  ".wasm": "application/wasm",
};

/** The real path and content type of the build's file called name. */
export async function browserBuildFile(name: string): Promise<{ path: string; type: string }> {
  const type = TYPES[extname(name)];
  if (type === undefined) throw new HttpError(404, `Strata's browser build has no ${name} (it holds only .js, .js.map and .wasm files)`);
  let folder: string;
  try {
    folder = await realpath(BUILD_DIR);
  } catch {
    throw new HttpError(404, `Strata's browser build is missing: there is no ${BUILD_DIR} (\`npm run build\` writes it)`);
  }
  return { path: await fileInFolder(folder, "Strata's browser build", [name]), type };
}
