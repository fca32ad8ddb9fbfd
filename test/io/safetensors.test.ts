import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeSafetensors, encodeSafetensors, loadSafetensors, saveSafetensors, SafetensorsError } from "../../src/io/index.js";
import { tensor, Tensor, type DType } from "../../src/index.js";
import { scratchDir } from "../data/scratch.js";
import { assertShape } from "../helpers.js";

const dir = scratchDir("safetensors");
const fixtures = new URL("../../../test/io/fixtures/", import.meta.url);

interface Described {
  dtype: DType;
  shape: number[];
  values: number[];
}
/** reference.safetensors was written by the reference implementation; reference.json says what it holds. */
const reference = {
  bytes: new Uint8Array(readFileSync(new URL("reference.safetensors", fixtures))),
  ...(JSON.parse(readFileSync(new URL("reference.json", fixtures), "utf8")) as { metadata: Record<string, string>; tensors: Record<string, Described> }),
};

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** A file with the given header text (padded to 8 bytes) and data bytes. */
function fileWith(header: string, data: number[] = []): Uint8Array {
  const padded = header.padEnd(Math.ceil(header.length / 8) * 8, " ");
  return Uint8Array.from([padded.length, 0, 0, 0, 0, 0, 0, 0, ...ascii(padded), ...data]);
}

function assertRejects(bytes: Uint8Array, ...parts: string[]): void {
  assert.throws(
    () => decodeSafetensors(bytes, "bad.safetensors"),
    (e: unknown) => {
      assert.ok(e instanceof SafetensorsError, `expected a SafetensorsError, got ${e}`);
      assert.ok(e.message.startsWith("bad.safetensors is not a valid safetensors file: "), e.message);
      for (const part of parts) assert.ok(e.message.includes(part), `"${e.message}" should mention "${part}"`);
      return true;
    },
  );
}

describe("safetensors", () => {
  it("encodes a tiny file exactly as the spec lays it out", () => {
    const header = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'; // 54 bytes, padded to 56
    const expected = [
      56, 0, 0, 0, 0, 0, 0, 0, // header length, u64 little-endian
      ...ascii(header), 0x20, 0x20,
      0x00, 0x00, 0x80, 0x3f, // 1.0f little-endian
      0x00, 0x00, 0x00, 0xc0, // -2.0f
    ];
    assert.deepEqual([...encodeSafetensors({ a: tensor([1, -2]) })], expected);
  });

  it("reads the reference implementation's file: every dtype, 0-d and empty tensors, metadata", () => {
    const { tensors, metadata } = decodeSafetensors(reference.bytes, "reference.safetensors");
    assert.deepEqual(metadata, reference.metadata);
    assert.deepEqual(Object.keys(tensors).sort(), Object.keys(reference.tensors).sort());
    for (const [name, want] of Object.entries(reference.tensors)) {
      const got = tensors[name];
      assert.equal(got.dtype, want.dtype, name);
      assertShape(got, want.shape);
      assert.deepEqual([...got.values], want.values, name);
    }
  });

  it("writes the reference implementation's bytes, byte for byte", () => {
    const tensors = Object.fromEntries(
      Object.entries(reference.tensors).map(([name, t]) => [name, tensor(t.values, t.shape, { dtype: t.dtype })]),
    );
    assert.deepEqual(encodeSafetensors(tensors, reference.metadata), reference.bytes);
  });

  it("round-trips float32, int32, float64, 0-d and empty tensors", () => {
    const tensors = {
      "0.weight": tensor([[1.5, -2], [3.25, 0.1]]),
      "12": tensor([-5, 2147483647], { dtype: "int32" }),
      scalar: tensor(Math.E, { dtype: "float64" }),
      empty: new Tensor(new Float64Array(0), [3, 0]),
    };
    const { tensors: back, metadata } = decodeSafetensors(encodeSafetensors(tensors));
    assert.equal(metadata, undefined);
    for (const [name, t] of Object.entries(tensors)) {
      assert.equal(back[name].dtype, t.dtype);
      assertShape(back[name], t.shape);
      assert.deepEqual(back[name].values, t.values);
      assert.notEqual(back[name].values.buffer, t.values.buffer);
    }
    assert.deepEqual(decodeSafetensors(encodeSafetensors({}, { note: "none" })), { tensors: {}, metadata: { note: "none" } });
  });

  it("refuses what it cannot encode", () => {
    assert.throws(() => encodeSafetensors({ w: [1, 2] as unknown as Tensor }), /"w" is not a Tensor \(got Array\)/);
    assert.throws(() => encodeSafetensors({ __metadata__: tensor([1]) }), /"__metadata__" is reserved/);
    assert.throws(() => encodeSafetensors({}, { epoch: 3 as unknown as string }), /metadata "epoch" must be a string \(got number\)/);
  });

  it("rejects files too short for their header", () => {
    assertRejects(Uint8Array.from([1, 0, 0]), "3 bytes long");
    assertRejects(Uint8Array.from([200, 0, 0, 0, 0, 0, 0, 0, ...ascii("{}      ")]), "header length says 200 bytes, but 8 bytes follow");
  });

  it("rejects a header that is not a JSON object of tensor entries", () => {
    assertRejects(fileWith('{"a":'), "not valid JSON");
    assertRejects(fileWith("[1, 2]"), 'starting with "{"');
    assertRejects(fileWith('{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}', [0]), 'dtype "F8_E4M3"', "F64, F32, I32, I64, F16, BF16, I16, I8, U8, BOOL");
    assertRejects(fileWith('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', [0, 0, 0, 0]), "shape [-1]");
    assertRejects(fileWith('{"__metadata__":{"n":1}}'), '"n" must be a string');
  });

  it("rejects byte ranges that do not match the shapes or do not tile the data", () => {
    const f32 = (name: string, begin: number, end: number, count = (end - begin) / 4) =>
      `"${name}":{"dtype":"F32","shape":[${count}],"data_offsets":[${begin},${end}]}`;
    const data = (n: number) => new Array<number>(n).fill(0);
    assertRejects(fileWith(`{${f32("a", 0, 8, 3)}}`, data(8)), 'tensor "a" of dtype F32 and shape [3] needs 12 bytes', "span 8");
    assertRejects(fileWith(`{${f32("a", 0, 8)},${f32("b", 4, 12)}}`, data(12)), 'tensor "b" (bytes 4–12) overlaps tensor "a", which ends at byte 8');
    assertRejects(fileWith(`{${f32("a", 0, 4)},${f32("b", 8, 12)}}`, data(12)), 'bytes 4–8 between tensor "a" and tensor "b" belong to no tensor');
    assertRejects(fileWith(`{${f32("a", 0, 4)}}`, data(6)), "the tensors cover 4 bytes of data, but the file holds 6 bytes");
    assertRejects(fileWith(`{${f32("a", 0, 4)}}`, data(2)), "the tensors cover 4 bytes of data, but the file holds 2 bytes");
  });

  it("saves and loads files, naming the file when one is damaged", async () => {
    const path = join(dir, "weights.safetensors");
    await saveSafetensors(path, { w: tensor([[1, 2]]) }, { epoch: "3" });
    const { tensors, metadata } = await loadSafetensors(path);
    assert.deepEqual([...tensors.w.values], [1, 2]);
    assert.deepEqual(metadata, { epoch: "3" });
    const damaged = join(dir, "damaged.safetensors");
    await writeFile(damaged, encodeSafetensors({ w: tensor([1, 2, 3]) }).subarray(0, -3));
    await assert.rejects(() => loadSafetensors(damaged), (e: unknown) => e instanceof SafetensorsError && e.file === damaged && /holds 9 bytes/.test(e.message));
  });
});
