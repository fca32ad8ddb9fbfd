import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gather, indexSelect, oneHot, ShapeError, scatterAdd, tensor, zeros } from "../../src/index.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

const int = (values: number[][] | number[]) => tensor(values, { dtype: "int32" });

describe("index-driven op gradients (gradcheck)", () => {
  const r = sampler(7);
  it("gather along each axis, with repeated indices and a smaller index", () => {
    assertGradcheck((x) => gather(x, 1, int([[0, 0], [2, 1]])), [r.normal([2, 3])]);
    assertGradcheck((x) => gather(x, 0, int([[2, 0], [1, 1], [0, 2]])), [r.normal([3, 2])]);
    assertGradcheck((x) => gather(x, -1, int([[1], [1]])), [r.normal([3, 2])]);
  });
  it("scatterAdd, into both the base and the source, with collisions", () => {
    const index = int([[0, 0, 3], [1, 2, 1]]);
    assertGradcheck((b, s) => scatterAdd(b, 1, index, s), [r.normal([2, 4]), r.normal([2, 3])]);
  });
  it("scatterAdd with a source larger than the index", () => {
    assertGradcheck((b, s) => scatterAdd(b, 0, int([[2, 0]]), s), [r.normal([3, 2]), r.normal([2, 3])]);
  });
  it("indexSelect along each axis, with repeats", () => {
    assertGradcheck((x) => indexSelect(x, 0, int([2, 0, 2])), [r.normal([3, 2])]);
    assertGradcheck((x) => indexSelect(x, 1, int([1, 1])), [r.normal([2, 3, 2])]);
  });
});

describe("index-driven op values and errors", () => {
  it("gather and scatterAdd follow torch's definitions on a worked example", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(gather(x, 1, int([[2, 0], [1, 1]])).toArray(), [[3, 1], [5, 5]]);
    const added = scatterAdd(zeros([2, 3]), 1, int([[0, 0], [2, 1]]), tensor([[1, 2], [3, 4]]));
    assert.deepEqual(added.toArray(), [[3, 0, 0], [0, 4, 3]]);
  });

  it("indexSelect picks rows of an embedding table", () => {
    const table = tensor([[0, 0], [1, 1], [2, 2]]);
    assert.deepEqual(indexSelect(table, 0, int([2, 0, 2])).toArray(), [[2, 2], [0, 0], [2, 2]]);
  });

  it("oneHot puts a 1 at each class on a new last axis", () => {
    const out = oneHot(int([[0, 3], [1, 1]]), 4);
    assert.equal(out.dtype, "float32");
    assert.deepEqual(out.toArray(), [[[1, 0, 0, 0], [0, 0, 0, 1]], [[0, 1, 0, 0], [0, 1, 0, 0]]]);
    assert.equal(oneHot(int([1]), 2, "int32").dtype, "int32");
  });

  it("names the op and the problem in its errors", () => {
    assert.throws(() => gather(zeros([2, 3]), 1, tensor([[0]])), /gather: index must be int32, got float32/);
    assert.throws(() => gather(zeros([2, 3]), 1, int([[0], [1], [2]])), (e: Error) => {
      assert.ok(e instanceof ShapeError);
      assert.match(e.message, /^gather: index of shape \[3, 1\] does not fit input of shape \[2, 3\] along axis 1/);
      return true;
    });
    assert.throws(() => gather(zeros([2, 3]), 1, int([[3]])), /gather: index 3 is out of range for a dimension of size 3/);
    assert.throws(() => scatterAdd(zeros([2, 3]), 1, int([[0, 1]]), zeros([1, 1])), /scatterAdd: src of shape \[1, 1\] is smaller than index of shape \[1, 2\]/);
    assert.throws(() => scatterAdd(zeros([2, 3]), 1, int([[0]]), zeros([1, 1], { dtype: "float64" })), /scatterAdd: src is float64 but the tensor added into is float32/);
    assert.throws(() => indexSelect(zeros([2, 3]), 0, int([[0]])), /indexSelect: index must be 1-D, got shape \[1, 1\]/);
    assert.throws(() => indexSelect(zeros([2, 3]), 0, int([-1])), /indexSelect: index -1 is out of range for a dimension of size 2/);
    assert.throws(() => oneHot(int([4]), 4), /oneHot: class 4 at position 0 is outside \[0, 4\)/);
  });
});

describe("index-driven ops on 0-d tensors", () => {
  it("gather and scatterAdd read and write the single element", () => {
    const x = tensor(2.5, { requiresGrad: true });
    const i = tensor(0, { dtype: "int32" });
    const y = gather(x, 0, i);
    assert.deepEqual([...y.shape], []);
    assert.equal(y.itemSync(), 2.5);
    y.backward();
    assert.equal(x.grad!.itemSync(), 1);
    assert.equal(scatterAdd(tensor(1), 0, i, tensor(2)).itemSync(), 3);
  });
});
