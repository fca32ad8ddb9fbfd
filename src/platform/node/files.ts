/**
 * The file system and paths, in Node.js. Library code imports them from `#platform/files.js`
 * (package.json "imports"), so that a browser build gets platform/browser/files.ts instead and
 * bundles no `node:` module.
 */
import { createRequire } from "node:module";
import { dirname as pathDirname } from "node:path";

export { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync } from "node:fs";
export { mkdir, open, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
export { basename, dirname, join } from "node:path";
export { randomBytes } from "node:crypto";

const require = createRequire(import.meta.url);

/**
 * The data packages (MNIST, Gutenberg texts, the mandrill) are optional: a library user installs
 * them only for the features that read them, and is told which one is missing.
 */
function resolveOptional(name: string, feature: string, request: string): string {
  try {
    return require.resolve(request);
  } catch (error) {
    if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
    throw new Error(`${feature} needs the npm package "${name}", which is not installed: run \`npm install ${name}\``);
  }
}

/** The folder of the installed npm package `name`, which `feature` reads files from. */
export function packageDir(name: string, feature: string): string {
  return pathDirname(resolveOptional(name, feature, `${name}/package.json`));
}

/** The main export of the installed npm package `name` (a CommonJS one), which `feature` needs. */
export function requirePackage(name: string, feature: string): unknown {
  return require(resolveOptional(name, feature, name));
}
