import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, randn, tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

const { gaussianPyramid, laplacianPyramid, laplacianReconstruct } = nn.functional;

describe("laplacianPyramid", () => {
  it("halves the size at each level (an odd side drops its last row or column)", () => {
    const shapes = laplacianPyramid(randn([2, 3, 112, 45]), 4).map((level) => level.shape);
    assert.deepEqual(shapes, [[2, 3, 112, 45], [2, 3, 56, 22], [2, 3, 28, 11], [2, 3, 14, 5]]);
    assert.deepEqual(laplacianPyramid(randn([1, 1, 8, 8]), 1).map((l) => l.shape), [[1, 1, 8, 8]]);
  });

  it("gives the image back when its levels are added up from the coarsest, odd sides included", () => {
    for (const shape of [[2, 1, 112, 112], [1, 2, 37, 50]]) {
      const x = randn(shape, { dtype: "float64" });
      assertClose(laplacianReconstruct(laplacianPyramid(x, 4)), x, { atol: 1e-12 });
    }
  });

  it("takes the Gaussian levels as 2×2 block means, and a constant image has no band-pass content", () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
    const [, half, quarter] = gaussianPyramid(x, 3);
    assertClose(half, [3.5, 5.5, 11.5, 13.5]);
    assertClose(quarter, [8.5]);
    const flat = laplacianPyramid(tensor(new Float32Array(64).fill(0.7), [1, 1, 8, 8]), 3);
    assertClose(flat[0], new Array(64).fill(0), { atol: 1e-6 });
    assertClose(flat[1], new Array(16).fill(0), { atol: 1e-6 });
    assertClose(flat[2], new Array(4).fill(0.7));
  });

  it("passes gradients to the image (gradcheck through every level)", () => {
    const x = randn([1, 1, 6, 7], { dtype: "float64" });
    assert.equal(gradcheck((t) => laplacianPyramid(t, 3).map((level) => level.square().sum()).reduce((a, b) => a.add(b)), [x]), true);
  });

  it("rejects inputs that are not image batches and level counts that do not fit, naming them", () => {
    assert.throws(() => laplacianPyramid(randn([3, 8, 8]), 2), /laplacianPyramid: expected an \[N, C, H, W\] image batch, got shape \[3, 8, 8\]/);
    assert.throws(() => laplacianPyramid(randn([1, 1, 8, 8]), 0), /levels must be a positive integer, got 0/);
    assert.throws(() => gaussianPyramid(randn([1, 1, 8, 8]), 5), /5 levels halve a 8×8 image below one pixel; use at most 4/);
    assert.throws(() => laplacianReconstruct([]), /holds no levels/);
    assert.throws(() => laplacianReconstruct([randn([1, 2, 8, 8]), randn([1, 1, 4, 4])]), /level 0 of shape \[1, 2, 8, 8\] does not go with level 1 of shape \[1, 1, 4, 4\]/);
  });
});
