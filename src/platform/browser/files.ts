/**
 * What the browser build has in place of the file system (platform/node/files.ts): path helpers
 * that work on "/"-separated paths, and functions that say clearly that they need Node.js and what
 * to use instead — never a silent no-op.
 */
import type * as NodeFiles from "../node/files.js";

/** Thrown by every file-system function of the browser build. */
export class NeedsNodeError extends Error {
  constructor(what: string) {
    super(
      `${what} reads or writes files, which only Node.js can do; in a browser, load from a URL or bytes instead ` +
        `(io.fetchSafetensors, io.loadCheckpoint(url), data.mnist(split, { url }), io.decodeSafetensors(bytes))`,
    );
    this.name = "NeedsNodeError";
  }
}

function needsNode<F>(what: string): F {
  return ((): never => {
    throw new NeedsNodeError(what);
  }) as F;
}

export const appendFileSync = needsNode<typeof NodeFiles.appendFileSync>("appendFileSync");
export const existsSync = needsNode<typeof NodeFiles.existsSync>("existsSync");
export const mkdirSync = needsNode<typeof NodeFiles.mkdirSync>("mkdirSync");
export const readdirSync = needsNode<typeof NodeFiles.readdirSync>("readdirSync");
export const readFileSync = needsNode<typeof NodeFiles.readFileSync>("readFileSync");
export const statSync = needsNode<typeof NodeFiles.statSync>("statSync");
export const truncateSync = needsNode<typeof NodeFiles.truncateSync>("truncateSync");
export const mkdir = needsNode<typeof NodeFiles.mkdir>("mkdir");
export const open = needsNode<typeof NodeFiles.open>("open");
export const readdir = needsNode<typeof NodeFiles.readdir>("readdir");
export const readFile = needsNode<typeof NodeFiles.readFile>("readFile");
export const rename = needsNode<typeof NodeFiles.rename>("rename");
export const unlink = needsNode<typeof NodeFiles.unlink>("unlink");
export const writeFile = needsNode<typeof NodeFiles.writeFile>("writeFile");
export const packageDir = needsNode<typeof NodeFiles.packageDir>("packageDir");
export const requirePackage = needsNode<typeof NodeFiles.requirePackage>("requirePackage");

export const randomBytes = needsNode<typeof NodeFiles.randomBytes>("randomBytes");

export function join(...parts: string[]): string {
  return parts.filter((p) => p !== "").join("/").replace(/\/+/g, "/");
}

export function dirname(path: string): string {
  const cut = path.replace(/\/+$/, "").lastIndexOf("/");
  return cut < 0 ? "." : cut === 0 ? "/" : path.slice(0, cut);
}

export function basename(path: string): string {
  return path.replace(/\/+$/, "").split("/").pop() ?? "";
}
