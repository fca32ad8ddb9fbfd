import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { add, div, maximum, minimum, mul, pow, ShapeError, sub, tensor, zeros, type TensorLike } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

describe("arithmetic gradients (gradcheck)", () => {
  const r = sampler(1);
  const shapes: [string, number[], number[]][] = [
    ["same shape", [2, 3], [2, 3]],
    ["bias row", [2, 3], [3]],
    ["column", [2, 1], [2, 3]],
    ["outer", [3, 1], [1, 4]],
    ["scalar tensor", [2, 3], []],
    ["leading batch", [2, 1, 3], [4, 1]],
  ];
  for (const [label, sa, sb] of shapes) {
    it(`add, sub, mul with ${label} broadcasting`, () => {
      assertGradcheck(add, [r.normal(sa), r.normal(sb)]);
      assertGradcheck(sub, [r.normal(sa), r.normal(sb)]);
      assertGradcheck(mul, [r.normal(sa), r.normal(sb)]);
    });
    it(`div with ${label} broadcasting`, () => {
      assertGradcheck((a, b) => div(a, b), [r.normal(sa), r.uniform(sb, 0.5, 2)]);
      assertGradcheck((a, b) => div(b, a), [r.uniform(sa, 0.5, 2), r.normal(sb)]);
    });
    it(`maximum and minimum with ${label} broadcasting`, () => {
      assertGradcheck(maximum, [r.normal(sa), r.normal(sb)]);
      assertGradcheck(minimum, [r.normal(sa), r.normal(sb)]);
    });
  }

  it("pow with a tensor exponent, both sides", () => {
    assertGradcheck(pow, [r.uniform([2, 3], 0.5, 2), r.normal([2, 3])]);
    assertGradcheck(pow, [r.uniform([2, 3], 0.5, 2), r.normal([3])]);
  });

  it("pow with a number exponent, including a negative base and an integer power", () => {
    assertGradcheck((x) => pow(x, 3), [r.normal([5])]);
    assertGradcheck((x) => pow(x, -1.5), [r.uniform([5], 0.5, 2)]);
    assertGradcheck((y) => pow(2, y), [r.normal([5])]);
  });

  it("div with a rounding mode has a zero gradient", () => {
    // quotients kept away from integers, where floor and trunc jump
    const a = tensor([0.7, -1.3, 2.45, -3.1], { dtype: "float64" });
    const b = tensor([2, 2, -2, 3], { dtype: "float64" });
    assertGradcheck((x, y) => div(x, y, "floor").mul(x), [a, b]);
    assertGradcheck((x, y) => div(x, y, "trunc").add(y), [a, b]);
  });

  it("numbers on either side of every op", () => {
    const x = r.uniform([4], 0.5, 2);
    for (const f of [add, sub, mul, (a: TensorLike, b: TensorLike) => div(a, b), maximum, minimum]) {
      assertGradcheck((a) => f(a, 0.75), [x]);
      assertGradcheck((a) => f(0.75, a), [x]);
    }
  });
});

describe("arithmetic values and dtypes", () => {
  it("broadcasts a row and a column as in the worked example", () => {
    const out = add(tensor([[1], [2]]), tensor([10, 20, 30]));
    assertShape(out, [2, 3]);
    assert.deepEqual(out.toArray(), [[11, 21, 31], [12, 22, 32]]);
  });

  it("promotes int32 < float32 < float64, and numbers take the tensor's dtype", () => {
    const i = tensor([1, 2], { dtype: "int32" });
    const f = tensor([1, 2]);
    const d = tensor([1, 2], { dtype: "float64" });
    assert.equal(add(i, i).dtype, "int32");
    assert.equal(add(i, f).dtype, "float32");
    assert.equal(mul(f, d).dtype, "float64");
    assert.equal(add(i, 1).dtype, "int32");
    assert.equal(add(i, 0.5).dtype, "float32", "a fractional number lifts int32 to float32");
    assert.equal(add(d, 1).dtype, "float64");
  });

  it("divides int32 by int32 truly (PyTorch's /), and rounds only when asked", () => {
    const a = tensor([7, -7, 1], { dtype: "int32" });
    const b = tensor([2, 2, 3], { dtype: "int32" });
    const q = div(a, b);
    assert.equal(q.dtype, "float32");
    assertClose(q, [3.5, -3.5, 1 / 3]);
    assert.deepEqual([...div(a, b, "trunc").values], [3, -3, 0]);
    assert.deepEqual([...div(a, b, "floor").values], [3, -4, 0]);
    assert.equal(div(a, b, "floor").dtype, "int32");
  });

  it("gives a float32 input a float32 gradient even when mixed with float64", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([0.5, 0.25], { dtype: "float64" });
    mul(x, w).sum().backward();
    assert.equal(x.grad!.dtype, "float32");
    assertClose(x.grad!, [0.5, 0.25]);
  });

  it("handles empty and 0-d operands", () => {
    assertShape(add(zeros([0, 3]), tensor([1, 2, 3])), [0, 3]);
    const s = mul(tensor(3), tensor(4));
    assertShape(s, []);
    assert.equal(s.itemSync(), 12);
  });

  it("names the op and both shapes when they cannot broadcast", () => {
    assert.throws(() => add(zeros([2, 3]), zeros([4])), (e: Error) => {
      assert.ok(e instanceof ShapeError);
      assert.match(e.message, /^add: shapes \[2, 3\] and \[4\] cannot be broadcast/);
      return true;
    });
    assert.throws(() => mul(zeros([2, 3]), zeros([3, 2])), /mul: shapes \[2, 3\] and \[3, 2\]/);
  });

  it("refuses an int32 power with a negative int32 exponent, as PyTorch does", () => {
    assert.throws(() => pow(tensor([2], { dtype: "int32" }), -1), /pow: int32 raised to a negative int32 power/);
    assert.deepEqual([...pow(tensor([2, 3], { dtype: "int32" }), 2).values], [4, 9]);
  });

  it("rejects an unknown rounding mode by name", () => {
    assert.throws(() => div(tensor([1]), tensor([2]), "round" as "floor"), /div: roundingMode must be "trunc" or "floor", got "round"/);
  });
});
