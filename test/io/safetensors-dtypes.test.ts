import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeSafetensors, encodeSafetensors, loadCheckpoint, loadSafetensors, saveCheckpoint, saveSafetensors, SafetensorsError } from "../../src/io/index.js";
import { models, nn, tensor, type Tensor } from "../../src/index.js";
import { scratchDir } from "../data/scratch.js";

const dir = scratchDir("safetensors-dtypes");

/** A file of one tensor with the given dtype, shape and data bytes (header padded to 8 bytes). */
function oneTensor(dtype: string, shape: number[], data: number[]): Uint8Array {
  const header = JSON.stringify({ t: { dtype, shape, data_offsets: [0, data.length] } });
  const padded = header.padEnd(Math.ceil(header.length / 8) * 8, " ");
  return Uint8Array.from([padded.length, 0, 0, 0, 0, 0, 0, 0, ...Array.from(padded, (c) => c.charCodeAt(0)), ...data]);
}

const read = (dtype: string, shape: number[], data: number[]): Tensor => decodeSafetensors(oneTensor(dtype, shape, data), "t.safetensors").tensors.t;

/** The bytes a tensor is stored as when written as `dtype`. */
function stored(t: Tensor, dtype: string): number[] {
  const bytes = encodeSafetensors({ t }, undefined, { dtypes: { t: dtype } });
  return [...bytes.subarray(8 + Number(new DataView(bytes.buffer).getBigUint64(0, true)))];
}

/** Every BatchNorm count (num_batches_tracked) stored as int64, as a PyTorch state dict holds it. */
const torchDTypes = (state: Map<string, Tensor>) => Object.fromEntries([...state.keys()].filter((k) => k.endsWith("num_batches_tracked")).map((k) => [k, "I64"]));

describe("safetensors dtypes beyond float32, float64 and int32", () => {
  it("reads float16 and bfloat16 (widened to float32) bit for bit, with subnormals, infinities and NaN", () => {
    const half = read("F16", [6], [0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00, 0x00, 0xfc, 0x00, 0x7e]);
    assert.equal(half.dtype, "float32");
    assert.deepEqual([...half.values], [1, -2, 65504, 2 ** -24, -Infinity, NaN]);
    const brain = read("BF16", [3], [0x80, 0x3f, 0xa0, 0xc0, 0x49, 0x40]);
    assert.equal(brain.dtype, "float32");
    assert.deepEqual([...brain.values], [1, -5, 3.140625]);
  });

  it("reads int64, bool and the small integer types as int32", () => {
    const long = read("I64", [3], [5, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]);
    assert.equal(long.dtype, "int32");
    assert.deepEqual([...long.values], [5, -3, 2147483647]);
    assert.deepEqual([...read("BOOL", [2, 2], [1, 0, 0, 1]).values], [1, 0, 0, 1]);
    assert.deepEqual([...read("U8", [2], [255, 7]).values], [255, 7]);
    assert.deepEqual([...read("I8", [2], [255, 7]).values], [-1, 7]);
    assert.deepEqual([...read("I16", [2], [0x00, 0x80, 7, 0]).values], [-32768, 7]);
  });

  it("refuses an int64 value that does not fit in int32, naming the tensor", () => {
    assert.throws(
      () => read("I64", [2], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0]),
      (e: unknown) => e instanceof SafetensorsError && /t\.safetensors .*tensor "t": int64 value 2147483648 at element 1 does not fit in int32/.test(e.message),
    );
  });

  it("writes float16 and bfloat16 rounding to nearest even, and int64 and bool exactly", () => {
    // 1 + 2^-11 is halfway between 1 and the next half; even wins. 1e6 overflows to Infinity.
    assert.deepEqual(stored(tensor([1, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 1e6, 2 ** -25 * 3, -0]), "F16"), [0x00, 0x3c, 0x00, 0x3c, 0x02, 0x3c, 0x00, 0x7c, 0x02, 0x00, 0x00, 0x80]);
    assert.deepEqual(stored(tensor([1, -5, Math.PI]), "BF16"), [0x80, 0x3f, 0xa0, 0xc0, 0x49, 0x40]);
    assert.deepEqual(stored(tensor([5, -3], { dtype: "int32" }), "I64"), [5, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    assert.deepEqual(stored(tensor([1, 0], { dtype: "int32" }), "BOOL"), [1, 0]);
    const values = tensor([0.1, -2.5e-3, 300, 7e-8]);
    const back = decodeSafetensors(encodeSafetensors({ h: values, b: values }, undefined, { dtypes: { h: "F16", b: "BF16" } })).tensors;
    back.h.values.forEach((v, i) => assert.ok(Math.abs(v - values.values[i]) <= Math.abs(values.values[i]) * 2 ** -11 + 2 ** -25, `F16 ${v}`));
    back.b.values.forEach((v, i) => assert.ok(Math.abs(v - values.values[i]) <= Math.abs(values.values[i]) * 2 ** -8, `BF16 ${v}`));
  });

  it("refuses to store what the file dtype cannot hold, naming the tensor", () => {
    assert.throws(() => stored(tensor([0.5]), "I64"), /tensor "t" cannot be stored as I64: element 0 is 0.5, which I64 cannot hold/);
    assert.throws(() => stored(tensor([2], { dtype: "int32" }), "BOOL"), /tensor "t" cannot be stored as BOOL: element 0 is 2/);
    assert.throws(() => stored(tensor([1]), "F8"), /dtypes\."t" is "F8"; expected one of F64, F32, I32, I64, F16, BF16, I16, I8, U8, BOOL/);
    assert.throws(() => encodeSafetensors({ t: tensor([1]) }, undefined, { dtypes: { w: "F16" } }), /dtypes names tensors that are not there: w/);
  });

  it("takes stateDict()'s Map as it is: saveSafetensors and saveCheckpoint, back into loadStateDict", async () => {
    const net = new nn.Sequential(new nn.Linear(3, 2), new nn.BatchNorm1d(2));
    net.forward(tensor([[1, 2, 3], [0, -1, 4]]));
    const copy = new nn.Sequential(new nn.Linear(3, 2), new nn.BatchNorm1d(2));
    const path = join(dir, "net.safetensors");
    await saveSafetensors(path, net.stateDict(), undefined, { dtypes: torchDTypes(net.stateDict()) });
    copy.loadStateDict((await loadSafetensors(path)).tensors);
    assert.deepEqual([...copy.stateDict()].map(([k, t]) => [k, t.dtype, [...t.values]]), [...net.stateDict()].map(([k, t]) => [k, t.dtype, [...t.values]]));
    await saveCheckpoint(join(dir, "checkpoint"), { model: net.stateDict() });
    const fresh = new nn.Sequential(new nn.Linear(3, 2), new nn.BatchNorm1d(2));
    fresh.loadStateDict((await loadCheckpoint(join(dir, "checkpoint"))).model);
    assert.deepEqual([...fresh.stateDict().values()].map((t) => [...t.values]), [...net.stateDict().values()].map((t) => [...t.values]));
  });

  it("loads the zoo's BatchNorm models from state dicts in PyTorch's dtypes (int64 num_batches_tracked)", () => {
    for (const [name, make] of [["resnet18", () => models.resnet18({ numClasses: 10 })], ["googlenet", () => models.googlenet({ numClasses: 10 })], ["vgg11_bn features", () => models.vggFeatures("A", true)]] as const) {
      const state = make().stateDict();
      const file = encodeSafetensors(state, undefined, { dtypes: torchDTypes(state) });
      assert.ok(Object.keys(torchDTypes(state)).length > 0, name);
      const { tensors } = decodeSafetensors(file, `${name}.safetensors`);
      assert.deepEqual(make().loadStateDict(tensors), { missingKeys: [], unexpectedKeys: [] }, name);
    }
  });
});
