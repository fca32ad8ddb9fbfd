import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arange, Generator, manualSeed, randn, tensor, zeros, type Tensor } from "../../src/index.js";
import {
  compose,
  DataLoader,
  gaussianNoise,
  randomCrop,
  randomHorizontalFlip,
  randomTranslate,
  TensorDataset,
  type Sample,
} from "../../src/data/index.js";
import { assertClose, assertShape } from "../helpers.js";

const labels = (n: number) => arange(n, undefined, 1, { dtype: "int32" });
const batchOf = (x: Tensor): Sample => ({ x, y: labels(x.shape[0]) });

/** Element [s, c, i, j] of an [N, C, H, W] tensor, or 0 outside it. */
function at(t: Tensor, s: number, c: number, i: number, j: number): number {
  const [, channels, h, w] = t.shape;
  return i < 0 || i >= h || j < 0 || j >= w ? 0 : t.values[((s * channels + c) * h + i) * w + j];
}

describe("randomCrop", () => {
  it("with padding 0 and the input's size returns the batch unchanged", () => {
    const x = randn([3, 2, 5, 4]);
    const { x: out, y } = randomCrop([5, 4])(batchOf(x));
    assert.deepEqual(out.values, x.values);
    assert.deepEqual(y.values, labels(3).values, "labels pass through");
  });

  it("cuts each sample's window out of the zero-padded image at the drawn position", () => {
    const x = randn([6, 2, 5, 5]);
    const out = randomCrop(4, { padding: 2, generator: new Generator(8) })(batchOf(x)).x;
    assertShape(out, [6, 2, 4, 4]);
    const replay = new Generator(8); // documented order: per sample, top then left, uniform over the 9 − 4 + 1 positions
    for (let s = 0; s < 6; s++) {
      const top = replay.int(6) - 2;
      const left = replay.int(6) - 2;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.equal(at(out, s, c, i, j), at(x, s, c, i + top, j + left), `sample ${s} [${c}, ${i}, ${j}]`);
      }
    }
  });

  it("reaches every position, corners included", () => {
    const x = tensor(Float32Array.from({ length: 400 }, () => 1), [400, 1, 1, 1]);
    // a 1×1 image padded by 1 to 3×3, cropped to 2×2: the pixel lands in one of the 4 cells
    const out = randomCrop(2, { padding: 1, generator: new Generator(9) })(batchOf(x)).x;
    const counts = [0, 0, 0, 0];
    for (let s = 0; s < 400; s++) {
      const cells = Array.from(out.values.subarray(s * 4, s * 4 + 4));
      assert.equal(cells.reduce((a, b) => a + b, 0), 1, "the pixel appears once");
      counts[cells.indexOf(1)]++;
    }
    assert.ok(counts.every((k) => k > 70), `each corner about a quarter of the time: ${counts}`);
  });

  it("names the sizes that do not fit", () => {
    assert.throws(() => randomCrop(32, { padding: 1 })(batchOf(randn([1, 1, 28, 28]))), /randomCrop: a 32×32 crop does not fit 28×28 images padded by 1 \(30×30\)/);
    assert.throws(() => randomCrop(4)(batchOf(randn([2, 28, 28]))), /randomCrop: expected a batch of images x of shape \[N, C, H, W\], got \[2, 28, 28\]/);
    assert.throws(() => randomCrop(4, { padding: -1 }), /randomCrop: padding must be an integer ≥ 0, got -1/);
  });
});

describe("randomHorizontalFlip", () => {
  it("mirrors every row of a flipped image, and flipping twice is the identity", () => {
    const x = arange(12, undefined, 1).reshape([1, 2, 2, 3]);
    const flip = randomHorizontalFlip(1);
    assert.deepEqual(Array.from(flip(batchOf(x)).x.values), [2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9]);
    const images = randn([4, 3, 5, 6]);
    assert.deepEqual(flip(flip(batchOf(images))).x.values, images.values);
    assert.deepEqual(randomHorizontalFlip(0)(batchOf(images)).x.values, images.values);
  });

  it("flips each sample with probability p", () => {
    const x = arange(2, undefined, 1).reshape([1, 1, 1, 2]).expand([1000, 1, 1, 2]);
    const out = randomHorizontalFlip(0.3, { generator: new Generator(10) })(batchOf(x)).x;
    let flipped = 0;
    for (let s = 0; s < 1000; s++) if (out.values[2 * s] === 1) flipped++;
    // the flipped fraction has a standard deviation of √(0.3·0.7/1000) ≈ 0.015
    assert.ok(Math.abs(flipped / 1000 - 0.3) < 0.06, `flipped fraction ${flipped / 1000}`);
  });
});

describe("randomTranslate", () => {
  it("moves a single bright pixel by the shift drawn for each sample, filling with zeros", () => {
    const [n, size, y0, x0, maxShift] = [40, 9, 4, 3, 2];
    const x = zeros([n, 1, size, size]);
    for (let s = 0; s < n; s++) x.values[s * size * size + y0 * size + x0] = 5;
    const out = randomTranslate(maxShift, { generator: new Generator(11) })(batchOf(x)).x;
    assertShape(out, [n, 1, size, size]);
    const replay = new Generator(11); // documented order: per sample, dy then dx, uniform in [−2, 2]
    const seen = new Set<string>();
    for (let s = 0; s < n; s++) {
      const dy = replay.int(2 * maxShift + 1) - maxShift;
      const dx = replay.int(2 * maxShift + 1) - maxShift;
      seen.add(`${dy},${dx}`);
      const image = Array.from(out.values.subarray(s * size * size, (s + 1) * size * size));
      const expected = new Array<number>(size * size).fill(0);
      expected[(y0 + dy) * size + (x0 + dx)] = 5;
      assert.deepEqual(image, expected, `sample ${s}, shift (${dy}, ${dx})`);
    }
    assert.ok(seen.size >= 15, `many of the 25 shifts occur (${seen.size})`);
  });

  it("shifts content out of the frame rather than wrapping it", () => {
    const x = tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]);
    // find a seed whose first draw is (dy, dx) = (1, −1) with maxShift 1: then the image moves down and left
    const seed = [...Array(100).keys()].find((k) => {
      const g = new Generator(k);
      return g.int(3) - 1 === 1 && g.int(3) - 1 === -1;
    })!;
    const out = randomTranslate(1, { generator: new Generator(seed) })(batchOf(x)).x;
    assert.deepEqual(Array.from(out.values), [0, 0, 0, 2, 3, 0, 5, 6, 0]);
  });
});

describe("gaussianNoise", () => {
  it("adds zero-mean noise of the given standard deviation, and nothing with std 0", () => {
    const x = randn([20, 3, 10, 10]);
    const out = gaussianNoise(0.5, { generator: new Generator(12) })(batchOf(x)).x;
    const noise = Array.from(out.values, (v, i) => v - x.values[i]);
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const std = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
    // 6,000 draws: the mean's standard deviation is 0.5/√6000 ≈ 0.0065, the std's ≈ 0.0046
    assert.ok(Math.abs(mean) < 0.03, `noise mean ${mean}`);
    assertClose(std, 0.5, { rtol: 0.04 });
    assert.deepEqual(gaussianNoise(0)(batchOf(x)).x.values, x.values);
    assert.throws(() => gaussianNoise(0.1)(batchOf(zeros([1, 1, 2, 2], { dtype: "int32" }))), /gaussianNoise: x must be a float tensor, got int32/);
  });
});

describe("compose and seeding", () => {
  const pipeline = (generator?: Generator) =>
    compose(randomCrop(6, { padding: 1, generator }), randomHorizontalFlip(0.5, { generator }), randomTranslate(1, { generator }), gaussianNoise(0.1, { generator }));

  it("applies the transforms in order, keeping the batch's shape and labels", () => {
    const x = randn([5, 3, 6, 6]);
    const composed = pipeline(new Generator(13))(batchOf(x));
    const g = new Generator(13);
    const byHand = gaussianNoise(0.1, { generator: g })(randomTranslate(1, { generator: g })(randomHorizontalFlip(0.5, { generator: g })(randomCrop(6, { padding: 1, generator: g })(batchOf(x)))));
    assertShape(composed.x, [5, 3, 6, 6]);
    assert.deepEqual(composed.x.values, byHand.x.values);
    assert.deepEqual(composed.y.values, labels(5).values);
  });

  it("is reproducible: the same seed gives the same augmentation, from a generator or the global one", () => {
    const x = randn([4, 1, 6, 6]);
    assert.deepEqual(pipeline(new Generator(14))(batchOf(x)).x.values, pipeline(new Generator(14))(batchOf(x)).x.values);
    manualSeed(15);
    const first = pipeline()(batchOf(x)).x.values;
    manualSeed(15);
    assert.deepEqual(pipeline()(batchOf(x)).x.values, first);
    assert.notDeepEqual(pipeline()(batchOf(x)).x.values, first, "and different draws otherwise");
  });

  it("plugs into the DataLoader's transform hook", () => {
    const dataset = new TensorDataset(randn([10, 1, 8, 8]), labels(10));
    const loader = new DataLoader(dataset, { batchSize: 4, transform: compose(randomCrop(6, { padding: 0 }), randomHorizontalFlip()) });
    const batches = [...loader];
    assert.deepEqual(batches.map((b) => b.x.shape[0]), [4, 4, 2]);
    batches.forEach((b) => assertShape(b.x, [b.x.shape[0], 1, 6, 6]));
  });
});
