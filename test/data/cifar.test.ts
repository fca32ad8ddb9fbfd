import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cifar10, cifar100, CIFAR10_MEAN, CIFAR10_STD } from "../../src/data/index.js";
import { ReadError } from "../../src/io/read-bytes.js";
import { assertClose, assertShape } from "../helpers.js";
import { scratchDir } from "./scratch.js";

const root = scratchDir("cifar");
const PIXELS = 3072;

/** The byte of pixel p (channel-major, as the files store it) of the image numbered `image` overall. */
const pixel = (image: number, p: number) => (image * 7 + p) % 256;

/**
 * A file in the distribution's layout: `count` records of label bytes then 3072 pixel bytes; image
 * `first + i` is labelled by `labels(first + i)`. Returns its bytes.
 */
function writeRecords(path: string, first: number, count: number, labels: (image: number) => number[]): Uint8Array {
  const labelBytes = labels(0).length;
  const bytes = new Uint8Array(count * (labelBytes + PIXELS));
  for (let i = 0; i < count; i++) {
    const start = i * (labelBytes + PIXELS);
    bytes.set(labels(first + i), start);
    for (let p = 0; p < PIXELS; p++) bytes[start + labelBytes + p] = pixel(first + i, p);
  }
  writeFileSync(path, bytes);
  return bytes;
}

function folder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
}

describe("cifar10 and cifar100", () => {
  it("reads CIFAR-10's test batch: x [N, 3, 32, 32] in [0, 1] in the files' channel-major order, labels 0–9", async () => {
    const dir = folder("test10");
    writeRecords(join(dir, "test_batch.bin"), 0, 10000, (i) => [i % 10]);
    const test = await cifar10("test", { dir });
    assertShape(test.x, [10000, 3, 32, 32]);
    assert.equal(test.x.dtype, "float32");
    assert.equal(test.y.dtype, "int32");
    assert.deepEqual(Array.from(test.y.values.subarray(0, 12)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    // image 9999, channel 2 (blue), row 31, column 31: the file's last byte
    assert.equal(test.x.values[9999 * PIXELS + 3071], Math.fround(pixel(9999, 3071) / 255));
    assertClose(test.x.values.subarray(PIXELS, 2 * PIXELS), Array.from({ length: PIXELS }, (_, p) => pixel(1, p) / 255));
  });

  it("normalises per channel, limits the count, and reads the training batches in order, only as far as the limit reaches", async () => {
    const dir = folder("train10");
    writeRecords(join(dir, "data_batch_1.bin"), 0, 10000, (i) => [i % 10]);
    writeRecords(join(dir, "data_batch_2.bin"), 10000, 10000, (i) => [(i * 3) % 10]);
    // batches 3–5 are missing: a limit within the first two never asks for them
    const train = await cifar10("train", { dir, limit: 10002, normalize: true });
    assertShape(train.x, [10002, 3, 32, 32]);
    assert.deepEqual(Array.from(train.y.values.subarray(9998)), [8, 9, 0, 3]);
    const image = 10001;
    const expected = Array.from({ length: PIXELS }, (_, p) => (pixel(image, p) / 255 - CIFAR10_MEAN[p >> 10]) / CIFAR10_STD[p >> 10]);
    assertClose(train.x.values.subarray(image * PIXELS), expected);
    const custom = await cifar10("train", { dir, limit: 1, normalize: { mean: 0.5, std: 0.25 } });
    assertClose(custom.x, Array.from({ length: PIXELS }, (_, p) => (pixel(0, p) / 255 - 0.5) / 0.25));
    await assert.rejects(
      () => cifar10("train", { dir }),
      (e: unknown) => e instanceof ReadError && e.file === join(dir, "data_batch_3.bin") && /does not exist: CIFAR-10's files come from https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar\.html \("CIFAR-10 binary version"\)/.test(e.message),
    );
  });

  it("names the file and the size it should have when a file is truncated or too long", async () => {
    const dir = folder("short10");
    const bytes = writeRecords(join(dir, "test_batch.bin"), 0, 10000, (i) => [i % 10]);
    writeFileSync(join(dir, "test_batch.bin"), bytes.subarray(0, 1000));
    await assert.rejects(
      () => cifar10("test", { dir }),
      (e: unknown) =>
        e instanceof ReadError &&
        e.file === join(dir, "test_batch.bin") &&
        e.message.includes("holds 1,000 bytes; a CIFAR-10 file of 10,000 images holds 30,730,000 (1 label byte + 3072 pixel bytes each): it is truncated"),
    );
    writeFileSync(join(dir, "test_batch.bin"), new Uint8Array(30730000 + 1));
    await assert.rejects(() => cifar10("test", { dir }), /holds 30,730,001 bytes; .* it is not a CIFAR-10 file/);
  });

  it("reads CIFAR-100 with its fine labels (default) or coarse ones", async () => {
    const dir = folder("test100");
    writeRecords(join(dir, "test.bin"), 0, 10000, (i) => [i % 20, (i * 3) % 100]);
    const fine = await cifar100("test", { dir, limit: 4 });
    const coarse = await cifar100("test", { dir, limit: 4, labels: "coarse" });
    assert.deepEqual(Array.from(fine.y.values), [0, 3, 6, 9]);
    assert.deepEqual(Array.from(coarse.y.values), [0, 1, 2, 3]);
    assertShape(fine.x, [4, 3, 32, 32]);
    assertClose(fine.x.values.subarray(3 * PIXELS), Array.from({ length: PIXELS }, (_, p) => pixel(3, p) / 255));
    writeFileSync(join(dir, "train.bin"), new Uint8Array(3074 * 5));
    await assert.rejects(() => cifar100("train", { dir }), /train\.bin holds 15,370 bytes; a CIFAR-100 file of 50,000 images holds 153,700,000 \(2 label bytes \+ 3072 pixel bytes each\): it is truncated/);
  });

  it("rejects bad options", async () => {
    const dir = root;
    await assert.rejects(() => cifar10("valid" as "test", { dir }), /cifar10: split must be "train" or "test", got "valid"/);
    await assert.rejects(() => cifar10("test", { dir, limit: 1.5 }), /cifar10: limit must be a non-negative integer, got 1.5/);
    await assert.rejects(() => cifar100("test", { dir, labels: "super" as "fine" }), /cifar100: labels must be "fine" or "coarse", got "super"/);
    await assert.rejects(() => cifar10("test", { dir: join(root, "test10"), normalize: { mean: [0.5, 0.5], std: 1 } }), /normalize needs finite means and positive stds, one number or three \(R, G, B\)/);
  });
});
