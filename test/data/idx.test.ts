import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { encodeIdx, idxToTensor, IdxError, parseIdx, readIdx, writeIdx } from "../../src/data/index.js";
import { assertShape } from "../helpers.js";
import { scratchDir } from "./scratch.js";

const dir = scratchDir("idx");

// A 2×3 uint8 array, byte by byte as the IDX format lays it out.
const tinyBytes = Uint8Array.from([
  0x00, 0x00, 0x08, 0x02, // magic: two zeros, type 0x08 (ubyte), 2 dimensions
  0x00, 0x00, 0x00, 0x02, // 2 rows (big-endian uint32)
  0x00, 0x00, 0x00, 0x03, // 3 columns
  1, 2, 3, 4, 5, 255,
]);

/** Asserts that `fn` throws an IdxError whose message contains each of `parts`. */
async function rejectsWith(fn: () => Promise<unknown>, ...parts: string[]): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof IdxError, `expected an IdxError, got ${e}`);
    for (const part of parts) assert.ok(e.message.includes(part), `"${e.message}" should mention "${part}"`);
    return true;
  });
}

describe("IDX format", () => {
  it("parses a hand-built file", () => {
    const idx = parseIdx(tinyBytes, "tiny");
    assert.equal(idx.dtype, "uint8");
    assert.deepEqual(idx.shape, [2, 3]);
    assert.deepEqual([...idx.data], [1, 2, 3, 4, 5, 255]);
  });

  it("encodes to the same bytes", () => {
    assert.deepEqual(encodeIdx({ shape: [2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 255]) }), tinyBytes);
  });

  it("reads multi-byte elements big-endian", () => {
    const bytes = Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]);
    const idx = parseIdx(bytes);
    assert.equal(idx.dtype, "int16");
    assert.deepEqual([...idx.data], [0x0102, -2]);
  });

  it("round-trips every element type through a file", async () => {
    const arrays = [
      Uint8Array.from([0, 7, 255, 128]),
      Int8Array.from([-128, -1, 0, 127]),
      Int16Array.from([-32768, -2, 300, 32767]),
      Int32Array.from([-2147483648, -5, 70000, 2147483647]),
      Float32Array.from([0.1, -2.5, 1e30, -0]),
      Float64Array.from([Math.PI, -1e-300, 2 ** 60, Number.NEGATIVE_INFINITY]),
    ];
    for (const data of arrays) {
      const path = join(dir, `roundtrip-${data.constructor.name}`);
      await writeIdx(path, { shape: [2, 1, 2], data });
      const back = await readIdx(path);
      assert.deepEqual(back.shape, [2, 1, 2]);
      assert.equal(back.data.constructor, data.constructor);
      assert.deepEqual([...back.data], [...data]);
    }
  });

  it("converts to tensors: integers to int32 or float32, floats kept", () => {
    const bytes = parseIdx(tinyBytes);
    const asInt = idxToTensor(bytes);
    assert.equal(asInt.dtype, "int32");
    assertShape(asInt, [2, 3]);
    assert.deepEqual([...asInt.values], [1, 2, 3, 4, 5, 255]);
    assert.equal(idxToTensor(bytes, "float32").dtype, "float32");
    const doubles = parseIdx(encodeIdx({ shape: [1], data: Float64Array.from([0.1]) }));
    assert.equal(idxToTensor(doubles).values[0], 0.1);
  });

  it("names the file, expected and found sizes for a truncated file", async () => {
    const path = join(dir, "truncated-idx3-ubyte");
    await writeFile(path, tinyBytes.subarray(0, tinyBytes.length - 2));
    await rejectsWith(() => readIdx(path), path, "needs 12 + 6 = 18 bytes", "found 16 bytes", "2 bytes missing");
  });

  it("names the sizes for a file with bytes past the data", async () => {
    const path = join(dir, "oversized");
    await writeFile(path, Uint8Array.from([...tinyBytes, 9, 9, 9]));
    await rejectsWith(() => readIdx(path), path, "18 bytes", "found 21 bytes", "3 unexpected bytes");
  });

  it("rejects a bad magic number, naming the file", async () => {
    const path = join(dir, "bad-magic");
    const bytes = tinyBytes.slice();
    bytes[0] = 0x1f;
    await writeFile(path, bytes);
    await rejectsWith(() => readIdx(path), path, "bad magic number 0x1F000802");
  });

  it("rejects an unknown type code", () => {
    const bytes = tinyBytes.slice();
    bytes[2] = 0x0a;
    assert.throws(() => parseIdx(bytes, "odd-type"), /odd-type: unknown type code 0x0A.*0x08 \(uint8\)/);
  });

  it("rejects a truncated header with the sizes", () => {
    assert.throws(() => parseIdx(tinyBytes.subarray(0, 9), "short"), /short: header truncated: 2 dimensions need a 12-byte header, found 9 bytes/);
    assert.throws(() => parseIdx(tinyBytes.subarray(0, 2), "tiny"), /tiny: header truncated: expected at least 4 bytes .* found 2 bytes/);
  });

  it("refuses to encode data that does not fill the shape", () => {
    assert.throws(() => encodeIdx({ shape: [2, 2], data: new Uint8Array(3) }), /shape \[2, 2\] holds 4 elements but data has 3/);
  });
});
