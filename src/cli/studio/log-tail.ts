/**
 * Following a log.jsonl as training appends to it: each complete line once, in order, and a reset
 * when the file is replaced, truncated or removed (a fresh `strata train` in the same folder
 * deletes the old log first). A last line without its "\n" is a write in progress: it is held
 * back until the newline arrives. fs.watch is quick but not everywhere reliable (network file
 * systems, some containers), so a poll backs it up.
 */
import { constants, watch, type FSWatcher } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { basename, dirname } from "node:path";

export interface TailListener {
  /** Complete lines appended since the last call (without their "\n"). */
  lines(lines: string[]): void;
  /** The log was replaced, truncated or removed: what was sent before no longer holds. */
  reset(): void;
  /** The log could not be read. */
  problem(message: string): void;
}

/** First bytes remembered, to notice a new file that took the old one's inode number. */
const HEAD_BYTES = 256;

export class LogTail {
  /** Bytes of complete lines already delivered. */
  private offset = 0;
  private inode: number | null = null;
  private head = Buffer.alloc(0);
  private watcher: FSWatcher | null = null;
  private readonly timer: NodeJS.Timeout;
  private reading = false;
  private readAgain = false;
  private closed = false;

  constructor(private readonly path: string, private readonly listener: TailListener, pollMs = 1000) {
    this.timer = setInterval(() => this.check(), pollMs);
    try {
      // The folder, not the file: a watch on the file loses it when the file is replaced.
      this.watcher = watch(dirname(path), (_, file) => {
        if (file === null || file === basename(path)) this.check();
      });
      this.watcher.on("error", () => this.watcher?.close());
    } catch {
      // no watching here (the folder may not exist yet): the poll carries on alone
    }
  }

  /** Reads what is there now; resolves when those lines have been delivered. */
  async check(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        await this.read();
      } while (this.readAgain && !this.closed);
    } catch (error) {
      if (!this.closed) this.listener.problem(`cannot read ${this.path}: ${(error as Error).message}`);
    } finally {
      this.reading = false;
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.watcher?.close();
  }

  private async read(): Promise<void> {
    let file: FileHandle;
    try {
      // O_NOFOLLOW: the run's folder is already its real path, so refusing a link here keeps every read inside it.
      file = await open(this.path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      if (this.inode !== null) this.restart();
      return;
    }
    try {
      const { ino, size } = await file.stat();
      if (this.inode !== null && (ino !== this.inode || size < this.offset || !(await this.sameHead(file)))) this.restart();
      this.inode = ino;
      if (size <= this.offset || this.closed) return;
      const bytes = Buffer.alloc(size - this.offset);
      const { bytesRead } = await file.read(bytes, 0, bytes.length, this.offset);
      const end = bytes.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (end < 0) return; // only a torn line so far
      if (this.offset === 0) this.head = Buffer.from(bytes.subarray(0, Math.min(end + 1, HEAD_BYTES)));
      this.offset += end + 1;
      const lines = bytes.subarray(0, end).toString("utf8").split("\n").filter((line) => line.trim() !== "");
      if (lines.length > 0 && !this.closed) this.listener.lines(lines);
    } finally {
      await file.close();
    }
  }

  /** Whether the file still starts with the bytes it started with when first read. */
  private async sameHead(file: FileHandle): Promise<boolean> {
    const now = Buffer.alloc(this.head.length);
    const { bytesRead } = await file.read(now, 0, now.length, 0);
    return bytesRead === now.length && now.equals(this.head);
  }

  private restart(): void {
    this.offset = 0;
    this.inode = null;
    this.head = Buffer.alloc(0);
    if (!this.closed) this.listener.reset();
  }
}
