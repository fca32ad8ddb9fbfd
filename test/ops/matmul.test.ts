import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matmul, matmulT, ShapeError, tensor, zeros } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

describe("matmul gradients (gradcheck)", () => {
  const r = sampler(4);
  const forms: [string, number[], number[], number[]][] = [
    ["1-D · 1-D", [3], [3], []],
    ["1-D · 2-D", [3], [3, 2], [2]],
    ["2-D · 1-D", [2, 3], [3], [2]],
    ["2-D · 2-D", [2, 3], [3, 4], [2, 4]],
    ["batched · batched", [2, 2, 3], [2, 3, 4], [2, 2, 4]],
    ["batched · 2-D (broadcast batch)", [2, 2, 3], [3, 4], [2, 2, 4]],
    ["2-D · batched (broadcast batch)", [2, 3], [2, 3, 4], [2, 2, 4]],
    ["batch dims broadcast against each other", [2, 1, 2, 3], [3, 3, 2], [2, 3, 2, 2]],
    ["1-D · batched", [3], [2, 3, 4], [2, 4]],
  ];
  for (const [label, sa, sb, out] of forms) {
    it(label, () => {
      const a = r.normal(sa);
      const b = r.normal(sb);
      assertShape(matmul(a, b), out);
      assertGradcheck(matmul, [a, b]);
    });
  }

  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      it(`matmulT with transA=${transA}, transB=${transB}, batched and broadcast`, () => {
        const a = r.normal(transA ? [2, 3, 2] : [2, 2, 3]);
        const b = r.normal(transB ? [4, 3] : [3, 4]);
        assertShape(matmulT(a, b, transA, transB), [2, 2, 4]);
        assertGradcheck((x, y) => matmulT(x, y, transA, transB), [a, b]);
      });
    }
  }
});

describe("matmul values and errors", () => {
  it("multiplies a worked example", () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6], [7, 8]]);
    assert.deepEqual(matmul(a, b).toArray(), [[19, 22], [43, 50]]);
    assert.deepEqual(matmulT(a, b, false, true).toArray(), [[17, 23], [39, 53]]);
    assert.deepEqual(matmulT(a, b, true, false).toArray(), [[26, 30], [38, 44]]);
    assert.equal(matmul(tensor([1, 2, 3]), tensor([4, 5, 6])).itemSync(), 32);
  });

  it("promotes mixed dtypes and multiplies int32 exactly", () => {
    const i = tensor([[2, 3]], { dtype: "int32" });
    assert.equal(matmul(i, tensor([[4], [5]], { dtype: "int32" })).dtype, "int32");
    assert.equal(matmul(i, tensor([[4], [5]], { dtype: "int32" })).itemSync(), 23);
    assert.equal(matmul(i, tensor([[0.5], [1]], { dtype: "float64" })).dtype, "float64");
  });

  it("names the op and both shapes when inner dimensions differ", () => {
    assert.throws(() => matmul(zeros([2, 3]), zeros([4, 5])), (e: Error) => {
      assert.ok(e instanceof ShapeError);
      assert.match(e.message, /^matmul: inner dimensions differ: \[2, 3\] · \[4, 5\]/);
      return true;
    });
    assert.throws(() => matmul(zeros([3]), zeros([4])), /matmul: inner dimensions differ: \[3\] · \[4\]/);
    assert.throws(() => matmulT(zeros([2, 3]), zeros([2, 3]), false, false), /matmul: inner dimensions differ: A \[2, 3\] · B \[2, 3\]/);
    assert.throws(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 2])), /matmul \(batch dimensions\): shapes \[2\] and \[3\] cannot be broadcast/);
    assert.throws(() => matmul(zeros([]), zeros([3])), /matmul: operands must have at least 1 dimension/);
  });
});
