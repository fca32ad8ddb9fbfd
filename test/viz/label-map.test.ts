import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor } from "../../src/index.js";
import { labelMapImage } from "../../src/viz/index.js";
import { assertClose } from "../helpers.js";

describe("labelMapImage", () => {
  it("paints each pixel its class's colour, the background class black", () => {
    const labels = tensor(new Int32Array([0, 1, 2, 2]), [2, 2]);
    const image = labelMapImage(labels, { colors: ["#ff0000", "#00ff00", "#0000ff"], background: 2 });
    assert.deepEqual(image.shape, [2, 2, 3]);
    assertClose(image, [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("takes Tableau 10 for the ten digits by default (class 0 #4E79A7) and accepts a [1, H, W] map", () => {
    const image = labelMapImage(tensor(new Int32Array([0]), [1, 1, 1]));
    assertClose(image, [0x4e / 255, 0x79 / 255, 0xa7 / 255]);
  });

  it("rejects float maps and classes without a colour, naming them", () => {
    assert.throws(() => labelMapImage(tensor([0, 1], [1, 2])), /expected an int32 label map \[height, width\], got float32 \[1, 2\]/);
    assert.throws(() => labelMapImage(tensor(new Int32Array([0, 10]), [1, 2])), /class 10 at pixel 1 has no colour \(10 colours given\)/);
  });
});
