/** Every file below a folder with a hash of its bytes: two snapshots are equal when nothing in the folder changed. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex")];
    }).sort(([a], [b]) => a.localeCompare(b)),
  );
}
