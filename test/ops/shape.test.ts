import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { arange, ShapeError, tensor, zeros } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

describe("shape op gradients (gradcheck)", () => {
  const r = sampler(5);
  it("reshape, including an inferred -1, and view", () => {
    assertGradcheck((x) => S.reshape(x, [3, -1]).mul(S.reshape(x, [3, 4])), [r.normal([2, 6])]);
    assertGradcheck((x) => x.view(4, 3), [r.normal([2, 6])]);
  });
  it("flatten, whole and partial", () => {
    assertGradcheck((x) => S.flatten(x), [r.normal([2, 3, 2])]);
    assertGradcheck((x) => S.flatten(x, 1), [r.normal([2, 3, 2])]);
    assertGradcheck((x) => S.flatten(x, 0, -2), [r.normal([2, 3, 2])]);
  });
  it("squeeze and unsqueeze, with negative axes", () => {
    assertGradcheck((x) => S.squeeze(x), [r.normal([2, 1, 3, 1])]);
    assertGradcheck((x) => S.squeeze(x, -1), [r.normal([2, 1, 3, 1])]);
    assertGradcheck((x) => S.unsqueeze(x, 0), [r.normal([2, 3])]);
    assertGradcheck((x) => S.unsqueeze(x, -1), [r.normal([2, 3])]);
  });
  it("permute, transpose and .T", () => {
    assertGradcheck((x) => S.permute(x, [2, 0, 1]), [r.normal([2, 3, 4])]);
    assertGradcheck((x) => S.permute(x, [-1, 0, -2]), [r.normal([2, 3, 4])]);
    assertGradcheck((x) => S.transpose(x), [r.normal([2, 3, 4])]);
    assertGradcheck((x) => S.transpose(x, 0, 2), [r.normal([2, 3, 4])]);
    assertGradcheck((x) => x.T, [r.normal([2, 3, 4])]);
  });
  it("expand over new and size-1 dimensions, and with -1", () => {
    assertGradcheck((x) => S.expand(x, [2, 3, 4]), [r.normal([3, 1])]);
    assertGradcheck((x) => S.expand(x, [4, -1]), [r.normal([1, 3])]);
  });
});

describe("shape op values and errors", () => {
  it("reshape keeps row-major order and shares storage", () => {
    const x = arange(6);
    const y = S.reshape(x, [2, 3]);
    assert.deepEqual(y.toArray(), [[0, 1, 2], [3, 4, 5]]);
    assert.equal(y.values, x.values);
  });

  it("permute moves elements as a worked example", () => {
    const x = arange(6).reshape([1, 2, 3]);
    assert.deepEqual(S.permute(x, [2, 0, 1]).toArray(), [[[0, 3]], [[1, 4]], [[2, 5]]]);
    assert.deepEqual(x.reshape([2, 3]).T.toArray(), [[0, 3], [1, 4], [2, 5]]);
  });

  it("leaves 0-d and 1-D tensors alone under .T and a default transpose", () => {
    const s = tensor(5);
    assertShape(s.T, []);
    assertShape(S.transpose(tensor([1, 2])), [2]);
  });

  it("squeeze of a non-1 axis is a no-op and flatten of a 0-d tensor has one element", () => {
    assertShape(S.squeeze(zeros([2, 3]), 0), [2, 3]);
    assertShape(S.flatten(tensor(3)), [1]);
  });

  it("expand copies a row to every position", () => {
    assert.deepEqual(S.expand(tensor([[1], [2]]), [2, 3]).toArray(), [[1, 1, 1], [2, 2, 2]]);
  });

  it("names the op and the shapes in its errors", () => {
    assert.throws(() => S.reshape(zeros([2, 3]), [4, 2]), (e: Error) => e instanceof ShapeError && /^reshape: cannot reshape \[2, 3\] \(6 elements\) into \[4, 2\]/.test(e.message));
    assert.throws(() => S.reshape(zeros([2, 3]), [-1, -1]), /reshape: only one dimension can be -1, got \[-1, -1\]/);
    assert.throws(() => S.reshape(zeros([2, 3]), [4, -1]), /reshape: cannot reshape \[2, 3\] \(6 elements\) into \[4, -1\]/);
    assert.throws(() => S.permute(zeros([2, 3]), [0, 0]), /permute: \[0, 0\] is not a permutation of the 2 axes of a tensor of shape \[2, 3\]/);
    assert.throws(() => S.expand(zeros([2, 3]), [4, 3]), /expand: shapes \[2, 3\] and \[4, 3\] cannot be broadcast/);
    assert.throws(() => S.expand(zeros([2, 3]), [3]), /expand: a tensor of shape \[2, 3\] cannot be expanded to \[3\]/);
    assert.throws(() => S.unsqueeze(zeros([2]), 3), /unsqueeze: axis 3 is out of range for a tensor with 2 dimension/);
  });
});
