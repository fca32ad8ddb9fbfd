/** Test-time views (five and ten crops, mirror images, rescaling) and quarter-turn rotations, pixel by pixel. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arange, Generator, tensor, type Tensor } from "../../src/index.js";
import { fiveCrop, horizontalFlip, randomQuarterTurns, rescale, rotateQuarterTurns, tenCrop } from "../../src/data/index.js";
import { assertClose, assertShape } from "../helpers.js";

/** One 1×H×W image with pixel (r, c) = W·r + c. */
const ramp = (h: number, w: number) => arange(h * w, undefined, 1, { dtype: "float32" }).reshape([1, 1, h, w]);
const rows = (t: Tensor) => t.toArray();

describe("fiveCrop and tenCrop", () => {
  it("cut the four corners and the centre, then the same of the mirror image, in torchvision's order", () => {
    const crops = tenCrop(ramp(4, 5), [2, 3]);
    assert.equal(crops.length, 10);
    for (const c of crops) assertShape(c, [1, 1, 2, 3]);
    assert.deepEqual(crops.map(rows), [
      [[[[0, 1, 2], [5, 6, 7]]]], [[[[2, 3, 4], [7, 8, 9]]]], [[[[10, 11, 12], [15, 16, 17]]]], [[[[12, 13, 14], [17, 18, 19]]]], [[[[6, 7, 8], [11, 12, 13]]]],
      [[[[4, 3, 2], [9, 8, 7]]]], [[[[2, 1, 0], [7, 6, 5]]]], [[[[14, 13, 12], [19, 18, 17]]]], [[[[12, 11, 10], [17, 16, 15]]]], [[[[8, 7, 6], [13, 12, 11]]]],
    ]);
    assert.deepEqual(tenCrop(ramp(4, 5), [2, 3]).slice(0, 5).map(rows), fiveCrop(ramp(4, 5), [2, 3]).map(rows));
  });

  it("centre a crop as torchvision does, rounding a half offset to even", () => {
    // (5 − 2) / 2 = 1.5 rounds to 2; (7 − 2) / 2 = 2.5 rounds to 2
    assert.deepEqual(rows(fiveCrop(ramp(5, 5), 2)[4]), [[[[12, 13], [17, 18]]]]);
    assert.deepEqual(rows(fiveCrop(ramp(7, 7), 2)[4]), [[[[16, 17], [23, 24]]]]);
  });

  it("keep every image and channel of a batch apart", () => {
    const x = arange(2 * 3 * 4 * 4, undefined, 1, { dtype: "float32" }).reshape([2, 3, 4, 4]);
    const corner = fiveCrop(x, 2)[3];
    for (let s = 0; s < 2; s++) for (let ch = 0; ch < 3; ch++) {
      const base = (s * 3 + ch) * 16;
      assert.deepEqual(rows(corner.select(0, s).select(0, ch)), [[base + 10, base + 11], [base + 14, base + 15]]);
    }
  });

  it("refuse crops that do not fit and inputs that are not image batches", () => {
    assert.throws(() => tenCrop(ramp(4, 5), 5), /tenCrop: a 5×5 crop does not fit 4×5 images/);
    assert.throws(() => fiveCrop(ramp(4, 5), 0), /fiveCrop: the crop size must be positive integers, got 0/);
    assert.throws(() => fiveCrop(tensor([1, 2]), 1), /fiveCrop: expected a batch of images x of shape \[N, C, H, W\], got \[2\]/);
  });
});

describe("horizontalFlip and rescale", () => {
  it("horizontalFlip mirrors each row", () => {
    assert.deepEqual(rows(horizontalFlip(ramp(2, 3))), [[[[2, 1, 0], [5, 4, 3]]]]);
  });

  it("rescale enlarges then crops the centre, or shrinks then pads with the fill, keeping H×W", () => {
    const x = ramp(4, 4);
    assert.deepEqual(rows(rescale(x, 1)), rows(x));
    // bilinear ×2 of [[0, 4], [8, 12]] samples it at 0.25 and 0.75 in the middle
    assertClose(rescale(tensor([[[[0, 4], [8, 12]]]]), 2), [3, 5, 7, 9]);
    // ×0.5 averages 2×2 blocks; the one-pixel border is the fill
    assertClose(rescale(x, 0.5, -1), [-1, -1, -1, -1, -1, 2.5, 4.5, -1, -1, 10.5, 12.5, -1, -1, -1, -1, -1]);
    assert.throws(() => rescale(x, 0), /rescale: factor must be a positive number, got 0/);
  });
});

describe("quarter-turn rotations", () => {
  it("turn counter-clockwise as torch.rot90 over the image axes", () => {
    const x = tensor([[[[1, 2], [3, 4]]], [[[1, 2], [3, 4]]], [[[1, 2], [3, 4]]], [[[1, 2], [3, 4]]]]);
    assert.deepEqual(rows(rotateQuarterTurns(x, [0, 1, 2, 3])), [[[[1, 2], [3, 4]]], [[[2, 4], [1, 3]]], [[[4, 3], [2, 1]]], [[[3, 1], [4, 2]]]]);
    const square = ramp(3, 3);
    assert.deepEqual(rows(rotateQuarterTurns(rotateQuarterTurns(square, [1]), [3])), rows(square));
    assert.deepEqual(rows(rotateQuarterTurns(square, [1])), [[[[2, 5, 8], [1, 4, 7], [0, 3, 6]]]]);
  });

  it("randomQuarterTurns draws each image's turns from the generator and returns them as labels", () => {
    const x = ramp(3, 3).expand([40, 1, 3, 3]);
    const { x: turned, turns } = randomQuarterTurns(x, new Generator(4));
    const replay = new Generator(4);
    assert.deepEqual([...turns.values], Array.from({ length: 40 }, () => replay.int(4)));
    assert.equal(turns.dtype, "int32");
    assert.deepEqual(new Set(turns.values), new Set([0, 1, 2, 3]));
    assert.deepEqual(rows(turned), rows(rotateQuarterTurns(x, turns.values)));
  });

  it("refuse non-square images, a wrong number of turns and turns outside 0–3", () => {
    assert.throws(() => rotateQuarterTurns(ramp(2, 3), [1]), /must be square .* got 2×3/);
    assert.throws(() => rotateQuarterTurns(ramp(2, 2), [1, 2]), /1 images but 2 turns/);
    assert.throws(() => rotateQuarterTurns(ramp(2, 2), [4]), /turns\[0\] must be 0, 1, 2 or 3, got 4/);
  });
});
