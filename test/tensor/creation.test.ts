import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { ShapeError, tensor, Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";

describe("creating tensors", () => {
  it("from nested arrays, inferring the shape (float32 unless told)", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    assertShape(t, [2, 3]);
    assert.equal(t.dtype, "float32");
    assert.deepEqual([...t.values], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(tensor([[[1], [2]]]).shape, [1, 2, 1]);
    assertShape(tensor(7), []);
    assertShape(tensor([]), [0]);
    assertShape(tensor([[], []]), [2, 0]);
  });

  it("from nested arrays in another dtype (int32 truncates)", () => {
    const t = tensor([1.9, -1.9], { dtype: "int32" });
    assert.equal(t.dtype, "int32");
    assert.deepEqual([...t.values], [1, -1]);
    assert.equal(tensor([0.1], { dtype: "float64" }).values[0], 0.1);
  });

  it("from typed arrays, keeping their dtype, copying the data, and taking a shape", () => {
    const data = new Int32Array([1, 2, 3, 4, 5, 6]);
    const t = tensor(data, [3, 2]);
    assert.equal(t.dtype, "int32");
    assertShape(t, [3, 2]);
    data[0] = 100;
    assert.equal(t.values[0], 1, "the tensor owns a copy");
    assert.equal(tensor(new Float64Array([0.5])).dtype, "float64");
    const f = tensor(new Float64Array([1.5, 2.5]), { dtype: "float32" });
    assert.equal(f.dtype, "float32");
    assert.deepEqual([...f.values], [1.5, 2.5]);
  });

  it("filled and ranged: zeros, ones, full, arange, linspace, eye, *Like", () => {
    assert.deepEqual([...S.zeros([2, 2]).values], [0, 0, 0, 0]);
    assert.deepEqual([...S.ones([3], { dtype: "int32" }).values], [1, 1, 1]);
    assert.deepEqual(S.full([2], 7.5).toArray(), [7.5, 7.5]);
    assert.equal(S.arange(4).dtype, "int32", "integer arguments give int32, as in PyTorch");
    assert.deepEqual([...S.arange(4).values], [0, 1, 2, 3]);
    assert.deepEqual([...S.arange(1, 2, 0.25).values], [1, 1.25, 1.5, 1.75]);
    assert.deepEqual([...S.arange(5, 0, -2).values], [5, 3, 1]);
    assertShape(S.arange(3, 3), [0]);
    assertClose(S.linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(S.eye(2, 3).toArray(), [[1, 0, 0], [0, 1, 0]]);
    const like = S.onesLike(tensor([1, 2], { dtype: "float64" }));
    assert.equal(like.dtype, "float64");
    assert.deepEqual([...S.zerosLike(like).values], [0, 0]);
    assert.deepEqual([...S.fullLike(like, 3).values], [3, 3]);
    assert.equal(S.scalar(2, "int32").dtype, "int32");
  });

  it("marks leaves that require gradients", () => {
    const t = S.zeros([2], { requiresGrad: true });
    assert.equal(t.requiresGrad, true);
    assert.equal(t.isLeaf, true);
    assert.throws(() => S.zeros([2], { dtype: "int32", requiresGrad: true }), /requiresGrad_: only float tensors can require gradients/);
  });

  it("reads values back synchronously and asynchronously", async () => {
    const t = tensor([[1, 2], [3, 4]]);
    assert.deepEqual(t.toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual([...(await t.data())], [1, 2, 3, 4]);
    assert.equal(await tensor([5]).item(), 5);
    assert.notEqual(t.dataSync(), t.values, "dataSync gives a copy");
    assert.equal(t.ndim, 2);
    assert.equal(t.size, 4);
  });

  it("names the problem in its errors", () => {
    assert.throws(() => tensor([[1, 2], [3]]), (e: Error) => {
      assert.ok(e instanceof ShapeError);
      assert.match(e.message, /^tensor: ragged nested array: data\[1\] has shape \[1\] but data\[0\] has \[2\]/);
      return true;
    });
    assert.throws(() => tensor([1, "2" as unknown as number]), /tensor: data\[1\] is string; expected a number or an array/);
    assert.throws(() => tensor([1, 2, 3], [2, 2]), /tensor: 3 values cannot take shape \[2, 2\]/);
    assert.throws(() => S.zeros([2, -1]), /full: invalid shape \[2, -1\]; every dimension must be a non-negative integer/);
    assert.throws(() => S.randn([1.5]), /randn: invalid shape \[1.5\]/);
    assert.throws(() => S.arange(0, 1, 0), /arange: step must be a non-zero finite number, got 0/);
    assert.throws(() => S.linspace(0, 1, -1), /linspace: the number of points must be a non-negative integer, got -1/);
    assert.throws(() => tensor([1, 2]).itemSync(), /item: only a one-element tensor has an item, got shape \[2\]/);
    assert.throws(() => new Tensor(new Float32Array(3), [2, 2]), /Tensor: 3 values do not fill shape \[2, 2\] \(4 elements\)/);
  });
});
