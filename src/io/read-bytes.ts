/**
 * Reading a file's bytes from where it is: a path (Node.js, the file system) or a URL (fetch, in a
 * browser or in Node), so that safetensors files and checkpoints load the same way from either.
 */
import { readFile } from "#platform/files.js";

/** A file that exists but cannot be read; `file` names it. */
export class ReadError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    cause?: unknown,
  ) {
    super(`${file} ${detail}`, { cause });
    this.name = "ReadError";
  }
}

/** A file path, or a URL (a URL object, or a string that starts with a scheme such as https://). */
export type FileLocation = string | URL;

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function isUrl(location: FileLocation): boolean {
  return location instanceof URL || (HAS_SCHEME.test(location) && !/^[a-z]:[\\/]/i.test(location));
}

/** `name` inside the folder `dir` (a path or a URL). */
export function inside(dir: FileLocation, name: string): FileLocation {
  if (!isUrl(dir)) return `${String(dir).replace(/[\\/]+$/, "")}/${name}`;
  const base = String(dir);
  return new URL(name, base.endsWith("/") ? base : `${base}/`);
}

/** The bytes at `location`, or null when there is nothing there (ENOENT, HTTP 404). */
export async function readBytes(location: FileLocation): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!isUrl(location)) {
    try {
      return (await readFile(String(location))) as Uint8Array<ArrayBuffer>;
    } catch (error) {
      const code = (error as { code?: string })?.code;
      if (code === "ENOENT") return null;
      if (code === "EISDIR") throw new ReadError(String(location), "is a folder, not a file");
      throw new ReadError(String(location), `cannot be read (${(error as Error).message})`, error);
    }
  }
  const response = await fetch(location);
  if (response.status === 404) return null;
  if (!response.ok) throw new ReadError(String(location), `could not be fetched: HTTP ${response.status} ${response.statusText}`.trimEnd());
  return new Uint8Array(await response.arrayBuffer());
}
