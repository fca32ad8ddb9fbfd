/** Writing a file so that readers see either the old contents or the new, never a mix. */
import { basename, dirname, join, open, randomBytes, rename, unlink } from "#platform/files.js";

const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes `data` to `path` atomically: into a temporary file in the same directory (so the rename
 * cannot cross file systems), flushed to disk, then renamed over `path`. If anything fails, the
 * temporary file is removed and `path` is left as it was.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(temp, "wx");
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** For a name writeFileAtomic used as a temporary file, the name of the file it was writing; else null. */
export function tempFileTarget(name: string): string | null {
  return TEMP_NAME.exec(name)?.[1] ?? null;
}

/**
 * Flushes a directory so that a rename in it survives a power cut. Windows cannot open a
 * directory for this (and does not need to), so it is skipped there.
 */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
