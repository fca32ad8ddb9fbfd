import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { writeFileAtomic } from "../../src/io/index.js";
import { scratchDir } from "../data/scratch.js";

const dir = scratchDir("atomic");

describe("writeFileAtomic", () => {
  it("creates and replaces a file, leaving no temporary file", async () => {
    const path = join(dir, "state.json");
    await writeFileAtomic(path, "first");
    await writeFileAtomic(path, Uint8Array.from([0x73, 0x65, 0x63, 0x6f, 0x6e, 0x64]));
    assert.equal(await readFile(path, "utf8"), "second");
    assert.deepEqual(await readdir(dir), ["state.json"]);
  });

  it("leaves the target alone and removes its temporary file when the rename fails", async () => {
    const sub = join(dir, "failing");
    const target = join(sub, "occupied");
    await mkdir(target, { recursive: true });
    await writeFile(join(target, "keep.txt"), "kept");
    // A non-empty directory cannot be replaced by a file: the final rename fails.
    await assert.rejects(() => writeFileAtomic(target, "new"), /EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    assert.deepEqual(await readdir(sub), ["occupied"]);
    assert.equal(await readFile(join(target, "keep.txt"), "utf8"), "kept");
  });
});
