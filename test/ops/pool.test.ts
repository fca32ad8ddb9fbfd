/** Pooling ops: the lectures' worked example, gradients (first and second order), stochastic sampling, errors. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adaptiveAvgPool, adaptiveMaxPool, avgPool, Generator, manualSeed, maxPool, maxUnpool, randperm, stochasticPool, sum, sumPool,
  tensor, type Tensor,
} from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { assertGradcheck, assertGradgradcheck } from "./gradcheck.js";

/** float64 values of `shape` without ties (a shuffled ramp, 0.25 apart), so maxima are unique and finite differences stay clear of switches. */
function distinct(shape: readonly number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const order = randperm(n, { generator: new Generator(seed) });
  return tensor(Float64Array.from(order.values, (v) => (v - n / 2) / 4), shape);
}

describe("the lectures' worked example: 2×2 max pooling, stride 2", () => {
  const x = tensor([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]).reshape([1, 1, 4, 4]);

  it("[[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]] → [[6,8],[3,4]], with the switches", () => {
    const { output, indices } = maxPool(x, [2, 2], { returnIndices: true });
    assert.deepEqual(output.toArray(), [[[[6, 8], [3, 4]]]]);
    // flat positions within the 4×4 plane: 6 at (1,1), 8 at (1,3), 3 at (2,0), 4 at (3,3)
    assert.deepEqual(indices.toArray(), [[[[5, 7], [8, 15]]]]);
    assert.equal(indices.dtype, "int32");
  });

  it("sends each gradient to its window's maximum, and unpooling puts the maxima back", () => {
    const leaf = x.detach().requiresGrad_();
    const { output, indices } = maxPool(leaf, [2, 2], { returnIndices: true });
    output.backward(tensor([[[[10, 20], [30, 40]]]]));
    assert.deepEqual(leaf.grad!.toArray(), [[[[0, 0, 0, 0], [0, 10, 0, 20], [30, 0, 0, 0], [0, 0, 0, 40]]]]);
    assert.deepEqual(maxUnpool(output, indices, [2, 2]).toArray(), [[[[0, 0, 0, 0], [0, 6, 0, 8], [3, 0, 0, 0], [0, 0, 0, 4]]]]);
  });

  it("average and sum pooling of the same input", () => {
    assert.deepEqual(avgPool(x, [2, 2]).toArray(), [[[[3.25, 5.25], [2, 2]]]]);
    assert.deepEqual(sumPool(x, [2, 2]).toArray(), [[[[13, 21], [8, 8]]]]);
  });

  it("picks the first of tied maxima, as PyTorch", () => {
    const ties = tensor([[[[2, 2], [2, 1]]]]);
    const { indices } = maxPool(ties, [2, 2], { returnIndices: true });
    assert.deepEqual(Array.from(indices.values), [0]);
  });
});

describe("overlapping windows, padding, ceil mode and dilation", () => {
  it("3×3 windows with stride 2 overlap, and an element in two windows gets both gradients", () => {
    const x = tensor([[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 9, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]).reshape([1, 1, 5, 5]).requiresGrad_();
    const y = maxPool(x, [3, 3], { stride: 2 });
    assert.deepEqual(y.toArray(), [[[[9, 9], [9, 9]]]]);
    y.backward(tensor([[[[1, 2], [3, 4]]]]));
    assert.equal(x.grad!.values[12], 10);
    assert.equal(sum(x.grad!).itemSync(), 10);
  });

  it("padding never wins a max (even against negative values) and counts in the average only with countIncludePad", () => {
    const x = tensor([[-1, -2], [-3, -4]]).reshape([1, 1, 2, 2]);
    assert.deepEqual(maxPool(x, [2, 2], { padding: 1, stride: 2 }).toArray(), [[[[-1, -2], [-3, -4]]]]);
    assert.deepEqual(avgPool(x, [2, 2], { padding: 1, stride: 2 }).toArray(), [[[[-0.25, -0.5], [-0.75, -1]]]]);
    assert.deepEqual(avgPool(x, [2, 2], { padding: 1, stride: 2, countIncludePad: false }).toArray(), [[[[-1, -2], [-3, -4]]]]);
    assert.deepEqual(avgPool(x, [2, 2], { padding: 1, stride: 2, divisorOverride: 2 }).toArray(), [[[[-0.5, -1], [-1.5, -2]]]]);
  });

  it("ceil mode adds a partial last window, unless it would start in the right padding", () => {
    const x = tensor([1, 2, 3, 4, 5]).reshape([1, 1, 5]);
    assert.deepEqual(maxPool(x, [2]).toArray(), [[[2, 4]]]);
    assert.deepEqual(maxPool(x, [2], { ceilMode: true }).toArray(), [[[2, 4, 5]]]);
    assert.deepEqual(avgPool(x, [2], { ceilMode: true }).toArray(), [[[1.5, 3.5, 5]]]); // the partial window averages its one element
    // padded: [p, 1, 2, 3, 4, 5, p]; windows start at −1, 1, 3 — a fourth would start at 5, in the padding
    assert.deepEqual(maxPool(x, [2], { padding: 1, ceilMode: true }).toArray(), [[[1, 3, 5]]]);
  });

  it("dilation spaces the taps", () => {
    const x = tensor([5, 0, 1, 9, 2, 3]).reshape([1, 1, 6]);
    // windows {0, 2}, {1, 3}, {2, 4}, {3, 5}
    assert.deepEqual(maxPool(x, [2], { stride: 1, dilation: 2 }).toArray(), [[[5, 9, 2, 9]]]);
  });

  it("takes an unbatched [C, H, W] input and int32 values (pooled in float32)", () => {
    const x = tensor(Int32Array.from([1, 7, 3, 4]), [1, 2, 2]);
    const y = maxPool(x, [2, 2]);
    assertShape(y, [1, 1, 1]);
    assert.equal(y.dtype, "float32");
    assert.equal(y.itemSync(), 7);
  });
});

describe("gradients agree with finite differences", () => {
  it("max pooling: 1d, 2d with padding, dilation and overlap, 3d in ceil mode", () => {
    assertGradcheck((x) => maxPool(x, [3], { stride: 2, padding: 1 }), [distinct([2, 2, 7])]);
    assertGradcheck((x) => maxPool(x, [3, 2], { stride: [2, 1], padding: [1, 1], dilation: [1, 2] }), [distinct([1, 2, 6, 7])]);
    assertGradcheck((x) => maxPool(x, [2, 2, 2], { ceilMode: true }), [distinct([1, 1, 3, 5, 4])]);
  });

  it("average and sum pooling, with and without countIncludePad, ceil mode and divisorOverride", () => {
    assertGradcheck((x) => avgPool(x, [3, 3], { stride: 2, padding: 1 }), [distinct([1, 2, 6, 5])]);
    assertGradcheck((x) => avgPool(x, [3, 3], { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }), [distinct([1, 2, 6, 5])]);
    assertGradcheck((x) => avgPool(x, [2], { divisorOverride: 3 }), [distinct([2, 3, 6])]);
    assertGradcheck((x) => sumPool(x, [2, 2, 2], { stride: 1 }), [distinct([1, 1, 3, 3, 3])]);
  });

  it("adaptive average and max pooling (overlapping, uneven windows)", () => {
    assertGradcheck((x) => adaptiveAvgPool(x, [3, 4]), [distinct([1, 2, 7, 5])]);
    assertGradcheck((x) => adaptiveMaxPool(x, [4, null]), [distinct([1, 2, 7, 5])]);
    assertGradcheck((x) => adaptiveAvgPool(x, [2, 3, 2]), [distinct([1, 1, 3, 5, 4])]);
  });

  it("max unpooling, through the values it places", () => {
    const { indices } = maxPool(distinct([2, 2, 6, 6]), [2, 2], { returnIndices: true });
    assertGradcheck((x) => maxUnpool(x, indices, [2, 2]), [distinct([2, 2, 3, 3], 2)]);
  });

  it("stochastic pooling: to the sampled position in training, through Σa²/Σa in evaluation", () => {
    const x = distinct([1, 2, 4, 6]).abs().add(0.1);
    // uniforms off the grid of the inputs' cumulative sums, so no draw sits on a boundary a finite difference could cross
    const uniforms = tensor(Float64Array.from({ length: 12 }, (_, i) => (i * 0.618034 + 0.05) % 1), [1, 2, 2, 3]);
    assertGradcheck((v) => stochasticPool(v, [2, 2], { uniforms }), [x]);
    assertGradcheck((v) => stochasticPool(v, [2, 2], { training: false }), [x]);
  });

  it("second order: the backward of every pooling op is itself differentiable", () => {
    const x = distinct([1, 2, 4, 4]);
    assertGradgradcheck((v) => maxPool(v, [2, 2]).square(), [x]);
    assertGradgradcheck((v) => avgPool(v, [3, 3], { stride: 1, padding: 1 }).square(), [x]);
    const { indices } = maxPool(x, [2, 2], { returnIndices: true });
    assertGradgradcheck((v) => maxUnpool(v, indices, [2, 2]).square(), [distinct([1, 2, 2, 2], 3)]);
  });
});

describe("stochastic pooling (Zeiler & Fergus 2013)", () => {
  const window = tensor([[1, 2], [3, 4]]); // probabilities 0.1, 0.2, 0.3, 0.4

  it("samples each position with probability aᵢ/Σa (40,000 draws, within 1 point of a percent)", () => {
    manualSeed(11);
    const draws = 40000;
    const x = window.reshape([1, 1, 2, 2]).expand([draws, 1, 2, 2]).mul(1);
    const y = stochasticPool(x, [2, 2]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of y.values) counts[v]++;
    assert.equal(counts[0], 0);
    counts.slice(1).forEach((count, i) => assertClose(count / draws, (i + 1) / 10, { rtol: 0, atol: 0.01, message: `value ${i + 1}` }));
  });

  it("is reproducible from the seed, and gives Σpᵢaᵢ = Σa²/Σa exactly in evaluation", () => {
    const x = window.reshape([1, 1, 2, 2]).expand([50, 1, 2, 2]).mul(1);
    manualSeed(5);
    const first = stochasticPool(x, [2, 2]);
    manualSeed(5);
    assert.deepEqual(stochasticPool(x, [2, 2]).values, first.values);
    assert.equal(stochasticPool(window.reshape([1, 1, 2, 2]), [2, 2], { training: false }).itemSync(), 3); // (1 + 4 + 9 + 16)/10
  });

  it("a window with no positive activation outputs 0, with no gradient, in both modes", () => {
    const x = tensor([[0, -1], [0, -2]]).reshape([1, 1, 2, 2]).requiresGrad_();
    for (const training of [true, false]) {
      x.grad = null;
      const y = stochasticPool(x, [2, 2], { training });
      assert.equal(y.itemSync(), 0);
      y.backward();
      assert.deepEqual(Array.from(x.grad!.values), [0, 0, 0, 0]);
    }
  });

  it("negative activations are never sampled", () => {
    manualSeed(2);
    const x = tensor([[-5, 1], [-3, -1]]).reshape([1, 1, 2, 2]).expand([200, 1, 2, 2]).mul(1);
    assert.ok(stochasticPool(x, [2, 2]).values.every((v) => v === 1));
  });
});

describe("pooling errors name the op, what it got and what it expected", () => {
  it("input rank, window sizes and padding", () => {
    assert.throws(() => maxPool(tensor([[1, 2], [3, 4]]), [2, 2]), /maxPool2d: input of shape \[2, 2\] must be \[N, C, H, W\] or \[C, H, W\]/);
    assert.throws(() => avgPool(distinct([1, 1, 3, 3]), [2, 2], { padding: 2 }), /avgPool2d: padding must be at most half the kernel size, got padding 2 for kernel \[2, 2\]/);
    assert.throws(() => maxPool(distinct([1, 1, 2, 2]), [3, 3]), /maxPool2d: the input's spatial size \[2, 2\] with padding \[0, 0\] is smaller than the window \[3, 3\]/);
    assert.throws(() => maxPool(distinct([1, 1, 4]), [0]), /maxPool1d: kernel size must be an integer ≥ 1/);
    assert.throws(() => avgPool(distinct([1, 1, 4]), [2], { divisorOverride: 0 }), /avgPool1d: divisorOverride must be a finite non-zero number, got 0/);
    assert.throws(() => adaptiveAvgPool(distinct([1, 1, 4]), [0]), /adaptiveAvgPool1d: outputSize must be a positive integer/);
  });

  it("unpooling checks its indices and output size", () => {
    const x = distinct([1, 1, 2, 2]);
    const bad = tensor(Int32Array.from([0, 1, 2, 16]), [1, 1, 2, 2]);
    assert.throws(() => maxUnpool(x, bad, [2, 2]), /maxUnpool2d: index 16 \(element 3\) is outside the output plane of \[4, 4\] \(valid: 0 to 15\)/);
    assert.throws(() => maxUnpool(x, tensor(Int32Array.from([0, 1]), [1, 1, 1, 2]), [2, 2]), /maxUnpool2d: indices must be int32 and shaped as the input \[1, 1, 2, 2\]/);
    const ok = tensor(Int32Array.from([0, 1, 2, 3]), [1, 1, 2, 2]);
    assert.throws(() => maxUnpool(x, ok, [2, 2], { outputSize: [6, 4] }), /maxUnpool2d: outputSize \[6, 4\] is not reachable: along H it must be strictly between 2 and 6/);
    assertShape(maxUnpool(x, ok, [2, 2], { outputSize: [1, 1, 5, 5] }), [1, 1, 5, 5]);
  });

  it("stochastic pooling's given uniforms must match the output", () => {
    assert.throws(
      () => stochasticPool(distinct([1, 1, 4, 4]), [2, 2], { uniforms: tensor([0.5]) }),
      /stochasticPool2d: uniforms must have the output's shape \[1, 1, 2, 2\], got \[1\]/,
    );
  });
});
