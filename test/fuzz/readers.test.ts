/**
 * Property-based tests of the file readers (fast-check): every damaged IDX, safetensors, checkpoint
 * or torch.save file either loads as something consistent with its bytes or throws the reader's own error naming
 * the file — never another exception (a RangeError from an allocation sized by a lying header, a
 * TypeError deep inside), never a hang. `npm run test:fuzz` runs many more cases than `npm test`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { tensor } from "../../src/index.js";
import { encodeIdx, IdxError, parseIdx } from "../../src/data/index.js";
import { CheckpointError, decodeSafetensors, decodeTorch, encodeSafetensors, loadCheckpoint, saveCheckpoint, SafetensorsError, TorchLoadError } from "../../src/io/index.js";
import type { Tensor } from "../../src/index.js";
import { scratchDir } from "../data/scratch.js";
import { mutate, mutations, RUNS } from "./mutations.js";

/** Runs `read`, which must return (then `check` the result) or throw one of `allowed`. */
function loadsOrRefuses<T>(read: () => T, allowed: readonly (new (...args: never[]) => Error)[], check: (value: T) => void): void {
  let value: T;
  try {
    value = read();
  } catch (error) {
    assert.ok(allowed.some((kind) => error instanceof kind), `unexpected ${(error as Error)?.name}: ${(error as Error)?.message}`);
    return;
  }
  check(value);
}

const idxFiles = [
  encodeIdx({ shape: [3, 4, 4], data: Uint8Array.from({ length: 48 }, (_, i) => i) }),
  encodeIdx({ shape: [5], data: Int32Array.from([1, -2, 3, 2 ** 30, -7]) }),
  encodeIdx({ shape: [2, 3], data: Float32Array.from([0.5, -1, 2, 3, 4, 5]) }),
  encodeIdx({ shape: [2], data: Float64Array.from([Math.PI, -0]) }),
];

const safetensorsFiles = [
  encodeSafetensors({ "conv.weight": tensor(new Float32Array(2 * 3 * 3).map((_, i) => i / 7), [2, 1, 3, 3]), "conv.bias": tensor([0.1, -0.2]) }),
  encodeSafetensors({ counts: tensor(new Int32Array([1, 2, 3]), [3]), scale: tensor(new Float64Array([2.5]), [1]) }, { note: "fuzz" }),
  encodeSafetensors({ half: tensor([0.5, -2, 7]), long: tensor(new Int32Array([3, -1]), [2]), mask: tensor(new Int32Array([1, 0]), [2]) }, undefined, { dtypes: { half: "F16", long: "I64", mask: "BOOL" } }),
];

/** Files written by test/fixtures/fixtures_torch_save.py (PyTorch 1.13), one of them malicious. */
const torchFiles = ["bn-net.pt", "dtypes.pt", "nested.pt", "evil-system.pt"].map((name) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/torch-save/${name}`, import.meta.url))));

/** Tensors that are whole (values fill the shape) and, counting each once, no more elements than the file has bytes. */
function fitsIn(tensors: Record<string, Tensor>, bytes: Uint8Array): void {
  const distinct = new Set(Object.values(tensors));
  for (const t of distinct) assert.equal(t.values.length, t.shape.reduce((a, b) => a * b, 1));
  const elements = [...distinct].reduce((n, t) => n + t.size, 0);
  assert.ok(elements <= bytes.length, "no more elements than the file has bytes (half types widen, so bytes are no bound)");
}

/** Where the pickle of a torch.save archive lies: data.pkl is its first entry, stored uncompressed. */
function pickleRange(file: Uint8Array): [number, number] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const start = 30 + view.getUint16(26, true) + view.getUint16(28, true);
  return [start, start + view.getUint32(22, true)];
}

describe(`file readers under damage (${RUNS} cases each)`, () => {
  it("IDX: loads consistently with its header, or throws an IdxError", () => {
    fc.assert(
      fc.property(fc.constantFrom(...idxFiles), mutations(), (file, damage) => {
        const bytes = mutate(file, damage);
        loadsOrRefuses(() => parseIdx(bytes, "fuzzed.idx"), [IdxError], (idx) => {
          assert.equal(idx.data.length, idx.shape.reduce((a, b) => a * b, 1));
          assert.ok(idx.data.byteLength <= bytes.length, "no more data than the file holds");
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("IDX: random bytes are refused or read, never crash", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => loadsOrRefuses(() => parseIdx(bytes), [IdxError], () => {})), { numRuns: RUNS });
  });

  it("safetensors: loads tensors that fit in the file, or throws a SafetensorsError", () => {
    fc.assert(
      fc.property(fc.constantFrom(...safetensorsFiles), mutations(), (file, damage) => {
        const bytes = mutate(file, damage);
        loadsOrRefuses(() => decodeSafetensors(bytes, "fuzzed.safetensors"), [SafetensorsError], ({ tensors }) => fitsIn(tensors, bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it("checkpoints: a damaged manifest or tensor file loads the saved values or throws a CheckpointError or SafetensorsError", async () => {
    const root = scratchDir("fuzz-checkpoint");
    const source = join(root, "source");
    const saved = { model: { w: tensor([[1, 2], [3, 4]]), b: tensor([0.5]) }, optimizer: { step: 3, m: tensor([0.25, -1]) }, extra: { epoch: 2, best: Infinity } };
    await saveCheckpoint(source, saved);
    const { readFile } = await import("node:fs/promises");
    const files = Object.fromEntries(await Promise.all(["checkpoint.json", "model-1.safetensors", "optimizer-1.safetensors"].map(async (n) => [n, new Uint8Array(await readFile(join(source, n)))] as const)));
    let trial = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(files)), mutations(), async (victim, damage) => {
        const dir = join(root, `t${trial++}`);
        await mkdir(dir);
        for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), name === victim ? mutate(bytes, damage) : bytes);
        try {
          const loaded = await loadCheckpoint(dir);
          // the checksums let nothing but the saved values through (a damage that changed no byte, say)
          assert.deepEqual(loaded.model.w.toArray(), [[1, 2], [3, 4]]);
          assert.deepEqual((loaded.optimizer as unknown as { m: { toArray(): unknown } }).m.toArray(), [0.25, -1]);
        } catch (error) {
          assert.ok(error instanceof CheckpointError || error instanceof SafetensorsError, `unexpected ${(error as Error)?.name}: ${(error as Error)?.message}`);
        }
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 3)) },
    );
  });

  it("torch.save: a damaged file loads tensors that fit in it, or throws a TorchLoadError", () => {
    fc.assert(
      fc.property(fc.constantFrom(...torchFiles), mutations(), fc.constantFrom(undefined, "state_dict"), (file, damage, key) => {
        const bytes = mutate(file, damage);
        loadsOrRefuses(() => decodeTorch(bytes, "fuzzed.pt", { key }), [TorchLoadError], ({ tensors }) => fitsIn(tensors, bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it("torch.save: pickle bytes overwritten with opcodes and small numbers inside a valid archive are read or refused", () => {
    const opcodeOrNumber = fc.oneof(fc.constantFrom(...Array.from("()tR]}eusabQqhjcXK\x85\x86\x87\x88\x89\x8a\x93\x94\x95N.0", (c) => c.charCodeAt(0))), fc.integer({ min: 0, max: 255 }));
    const edits = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.array(opcodeOrNumber, { minLength: 1, maxLength: 8 }) }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.constantFrom(...torchFiles), edits, (file, list) => {
        const bytes = Uint8Array.from(file);
        const [start, end] = pickleRange(file);
        for (const { at, bytes: written } of list) bytes.set(written.slice(0, end - start), Math.min(end - written.length, start + Math.floor(at * (end - start))));
        loadsOrRefuses(() => decodeTorch(bytes, "fuzzed.pt"), [TorchLoadError], ({ tensors }) => fitsIn(tensors, bytes));
      }),
      { numRuns: RUNS },
    );
  });
});
