/** A JSON-lines log: one object per line, appended as training goes, easy to read back and plot. */
import { appendFileSync, dirname, existsSync, mkdirSync, readFileSync, statSync, truncateSync } from "#platform/files.js";

export class JsonlLog {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  append(record: Record<string, unknown>): void {
    appendFileSync(this.path, JSON.stringify(record) + "\n");
  }

  /**
   * The log's length in bytes. A loop that logs an epoch and then saves a checkpoint stores this in
   * the checkpoint, so that resuming can drop the lines of epochs the checkpoint never had.
   */
  bytes(): number {
    return existsSync(this.path) ? statSync(this.path).size : 0;
  }

  /** Cuts the log back to `bytes` (what a checkpoint recorded): the log then agrees with the checkpoint. */
  truncate(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`JsonlLog.truncate: expected a byte count ≥ 0, got ${bytes}`);
    if (this.bytes() > bytes) truncateSync(this.path, bytes);
  }

  /** Every record written so far; a torn last line (a crash mid-append) is skipped. */
  static read(path: string): Record<string, unknown>[] {
    const lines = readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "");
    const out: Record<string, unknown>[] = [];
    lines.forEach((line, i) => {
      try {
        out.push(JSON.parse(line));
      } catch (error) {
        if (i !== lines.length - 1) throw new Error(`JsonlLog.read: ${path} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
      }
    });
    return out;
  }
}
