/** A JSON-lines log: one object per line, appended as training goes, easy to read back and plot. */
import { appendFileSync, dirname, mkdirSync, readFileSync } from "#platform/files.js";

export class JsonlLog {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  append(record: Record<string, unknown>): void {
    appendFileSync(this.path, JSON.stringify(record) + "\n");
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
