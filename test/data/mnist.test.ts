import assert from "node:assert/strict";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { IdxError, mnist, mnistDir, MNIST_MEAN, MNIST_STD, type TensorDataset } from "../../src/data/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { scratchDir } from "./scratch.js";

const dir = scratchDir("mnist");

function digitCounts(ds: TensorDataset): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of ds.y.values) counts[label] += 1;
  return counts;
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

describe("mnist", () => {
  it("loads the training set: 60,000 images of 28×28, pixels in [0, 1], first label 5", async () => {
    const train = await mnist("train");
    assertShape(train.x, [60000, 1, 28, 28]);
    assertShape(train.y, [60000]);
    assert.equal(train.x.dtype, "float32");
    assert.equal(train.y.dtype, "int32");
    assert.equal(train.y.values[0], 5);
    // The published class sizes of MNIST's training set.
    assert.deepEqual(digitCounts(train), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of train.x.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assert.equal(min, 0);
    assert.equal(max, 1);
    // The mean that MNIST_MEAN quotes is this set's, so it checks the scaling by 1/255.
    assertClose(meanOf(train.x.values), MNIST_MEAN, { atol: 1e-4, rtol: 0 });
  });

  it("loads the test set: 10,000 images, first label 7", async () => {
    const test = await mnist("test");
    assertShape(test.x, [10000, 1, 28, 28]);
    assert.equal(test.y.values[0], 7);
    assert.deepEqual(digitCounts(test), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it("normalises with MNIST's mean and std, or given ones, and limits the count", async () => {
    const plain = await mnist("test", { limit: 5 });
    const standard = await mnist("test", { limit: 5, normalize: true });
    const custom = await mnist("test", { limit: 5, normalize: { mean: 0.5, std: 0.25 } });
    assertShape(plain.x, [5, 1, 28, 28]);
    assertShape(plain.y, [5]);
    assertClose(standard.x, Array.from(plain.x.values, (v) => (v - MNIST_MEAN) / MNIST_STD));
    assertClose(custom.x, Array.from(plain.x.values, (v) => (v - 0.5) / 0.25));
    // The pixels are the file's bytes over 255 (offset 16 skips the IDX header).
    const raw = await readFile(join(mnistDir(), "t10k-images-idx3-ubyte"));
    assertClose(plain.x, Array.from(raw.subarray(16, 16 + 5 * 784), (b) => b / 255));
  });

  it("names the file and the sizes when an MNIST file is truncated", async () => {
    const images = await readFile(join(mnistDir(), "t10k-images-idx3-ubyte"));
    await writeFile(join(dir, "t10k-images-idx3-ubyte"), images.subarray(0, 1000));
    await copyFile(join(mnistDir(), "t10k-labels-idx1-ubyte"), join(dir, "t10k-labels-idx1-ubyte"));
    await assert.rejects(
      () => mnist("test", { dir }),
      (e: unknown) =>
        e instanceof IdxError &&
        e.file === join(dir, "t10k-images-idx3-ubyte") &&
        e.message.includes("needs 16 + 7840000 = 7840016 bytes, found 1000 bytes"),
    );
  });

  it("rejects mismatched image and label counts, and bad options", async () => {
    const images = await readFile(join(mnistDir(), "t10k-images-idx3-ubyte"));
    const few = Uint8Array.from(images.subarray(0, 16 + 2 * 784));
    new DataView(few.buffer).setUint32(4, 2); // the image count (big-endian uint32 at bytes 4–7), now 2
    await writeFile(join(dir, "t10k-images-idx3-ubyte"), few);
    await assert.rejects(() => mnist("test", { dir }), /holds 2 images but .*t10k-labels-idx1-ubyte holds 10000 labels/);
    await assert.rejects(() => mnist("valid" as "test"), /split must be "train" or "test", got "valid"/);
    await assert.rejects(() => mnist("test", { limit: -1 }), /limit must be a non-negative integer, got -1/);
  });
});
