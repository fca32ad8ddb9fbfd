import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { arange, ShapeError, tensor, zeros, type Tensor } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

/** The pieces of a split, stacked back into one tensor so gradcheck sees all of them. */
const joined = (parts: Tensor[]) => S.concat(parts.map((p, i) => p.mul(i + 1).flatten()));

describe("slicing and joining gradients (gradcheck)", () => {
  const r = sampler(6);
  it("index with ranges, steps, negative positions and picked indices", () => {
    const x = r.normal([3, 5, 2]);
    assertGradcheck((t) => S.index(t, [1, null], [null, null, 2], -1), [x]);
    assertGradcheck((t) => S.index(t, [-2], [4, 0]), [x]);
    assertGradcheck((t) => S.index(t, null, [-4, -1, 2]), [x]);
    assertGradcheck((t) => t.index(-1), [x]);
  });
  it("narrow and select, with negative axes and positions", () => {
    assertGradcheck((t) => S.narrow(t, -1, 1, 2), [r.normal([2, 4])]);
    assertGradcheck((t) => S.select(t, 1, -1), [r.normal([2, 4])]);
  });
  it("concat along each axis, with different sizes along it", () => {
    assertGradcheck((a, b) => S.concat([a, b], 0), [r.normal([1, 3]), r.normal([2, 3])]);
    assertGradcheck((a, b, c) => S.concat([a, b, c], -1), [r.normal([2, 1]), r.normal([2, 3]), r.normal([2, 2])]);
  });
  it("stack on a new first, middle and last axis", () => {
    for (const axis of [0, 1, -1]) assertGradcheck((a, b) => S.stack([a, b], axis), [r.normal([2, 3]), r.normal([2, 3])]);
  });
  it("split by size, by a list of sizes, and chunk", () => {
    assertGradcheck((t) => joined(S.split(t, 2, 1)), [r.normal([2, 5])]);
    assertGradcheck((t) => joined(S.split(t, [1, 3, 1], -1)), [r.normal([2, 5])]);
    assertGradcheck((t) => joined(S.chunk(t, 3, 0)), [r.normal([5, 2])]);
  });
});

describe("slicing and joining values and errors", () => {
  const x = arange(12).reshape([3, 4]);
  it("index takes Python-style ranges and drops picked dimensions", () => {
    assert.deepEqual(S.index(x, [1, null], [null, null, 2]).toArray(), [[4, 6], [8, 10]]);
    assert.deepEqual(S.index(x, -1).toArray(), [8, 9, 10, 11]);
    assert.deepEqual(S.index(x, null, -1).toArray(), [3, 7, 11]);
    assert.deepEqual(S.index(x, [-10, 2], [3, 100]).toArray(), [[3], [7]], "out-of-range bounds clamp like Python");
    assertShape(S.index(x, [2, 1]), [0, 4]);
  });

  it("split, chunk, concat and stack agree with worked examples", () => {
    assert.deepEqual(S.split(arange(5), 2).map((t) => t.toArray()), [[0, 1], [2, 3], [4]]);
    assert.deepEqual(S.chunk(arange(6), 4).map((t) => t.toArray()), [[0, 1], [2, 3], [4, 5]]);
    assert.deepEqual(S.concat([tensor([1]), tensor([2, 3])]).toArray(), [1, 2, 3]);
    assert.deepEqual(S.stack([tensor([1, 2]), tensor([3, 4])], 1).toArray(), [[1, 3], [2, 4]]);
  });

  it("concat promotes dtypes", () => {
    const out = S.concat([tensor([1], { dtype: "int32" }), tensor([0.5], { dtype: "float64" })]);
    assert.equal(out.dtype, "float64");
    assert.deepEqual([...out.values], [1, 0.5]);
  });

  it("names the op, the shapes and what was expected in its errors", () => {
    assert.throws(() => S.concat([zeros([2, 3]), zeros([3, 2])], 0), (e: Error) => {
      assert.ok(e instanceof ShapeError);
      assert.match(e.message, /^concat: tensor 1 has shape \[3, 2\] but tensor 0 has \[2, 3\]; all must match except along axis 0/);
      return true;
    });
    assert.throws(() => S.stack([zeros([2]), zeros([3])]), /stack: tensor 1 has shape \[3\] but tensor 0 has \[2\]/);
    assert.throws(() => S.concat([tensor(1), tensor(2)]), /concat: cannot join 0-d tensors/);
    assert.throws(() => S.index(x, 3), /index: index 3 is out of range for dimension 0 of size 3 \(shape \[3, 4\]\)/);
    assert.throws(() => S.index(x, 0, 0, 0), /index: 3 indices given for a tensor of shape \[3, 4\]/);
    assert.throws(() => S.index(x, [0, 2, 0]), /index: step must be a positive integer, got 0/);
    assert.throws(() => S.narrow(x, 1, 2, 3), /narrow: start 2, length 3 do not fit dimension 1 of size 4 \(shape \[3, 4\]\)/);
    assert.throws(() => S.split(x, [1, 1], 0), /split: sizes \[1, 1\] do not add up to 3, the size of axis 0 of \[3, 4\]/);
    assert.throws(() => S.chunk(x, 0), /chunk: chunks must be a positive integer, got 0/);
  });
});

describe("slicing and joining at the edges", () => {
  it("splits and chunks an empty axis into one empty piece", () => {
    assert.deepEqual(S.split(zeros([0, 2]), 2).map((t) => [...t.shape]), [[0, 2]]);
    assert.deepEqual(S.chunk(zeros([0]), 3).map((t) => [...t.shape]), [[0]]);
  });
});
