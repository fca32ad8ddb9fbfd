/**
 * Property-based tests of the file readers (fast-check): every damaged IDX, safetensors or checkpoint
 * file either loads as something consistent with its bytes or throws the reader's own error naming
 * the file — never another exception (a RangeError from an allocation sized by a lying header, a
 * TypeError deep inside), never a hang. `npm run test:fuzz` runs many more cases than `npm test`.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { tensor } from "../../src/index.js";
import { encodeIdx, IdxError, parseIdx } from "../../src/data/index.js";
import { CheckpointError, decodeSafetensors, encodeSafetensors, loadCheckpoint, saveCheckpoint, SafetensorsError } from "../../src/io/index.js";
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
];

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
        loadsOrRefuses(() => decodeSafetensors(bytes, "fuzzed.safetensors"), [SafetensorsError], ({ tensors }) => {
          for (const t of Object.values(tensors)) assert.equal(t.values.length, t.shape.reduce((a, b) => a * b, 1));
          const bytesHeld = Object.values(tensors).reduce((n, t) => n + t.values.byteLength, 0);
          assert.ok(bytesHeld <= bytes.length, "no more tensor data than the file holds");
        });
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
});
