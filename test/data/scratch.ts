/** A scratch folder per test file, removed when the file's tests end. */
import { after } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `strata-${prefix}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
