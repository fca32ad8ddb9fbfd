/** unbind: the slices along an axis, one backward for all of them (gradcheck, unused slices, errors). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arange, concat, mul, randn, select, stack, sum, unbind, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { assertGradcheck, assertGradgradcheck, sampler } from "./gradcheck.js";

describe("unbind", () => {
  for (const axis of [0, 1, -1]) {
    it(`gives the select() slices along axis ${axis}`, () => {
      const x = arange(24).reshape([2, 3, 4]);
      const pieces = unbind(x, axis);
      const a = axis < 0 ? axis + 3 : axis;
      assert.equal(pieces.length, x.shape[a]);
      pieces.forEach((p, i) => {
        assertShape(p, select(x, a, i).shape);
        assert.deepEqual(Array.from(p.values), Array.from(select(x, a, i).values));
      });
    });
  }

  it("gradients match finite differences, with the slices used in another order and unevenly", () => {
    const r = sampler(31);
    assertGradcheck((x) => {
      const [p0, p1, p2] = unbind(x, 1);
      return concat([mul(p2, p0), mul(p1, 3), p0], 0);
    }, [r.normal([2, 3, 2])]);
    assertGradgradcheck((x) => {
      const [p0, p1] = unbind(x, 0);
      return mul(mul(p0, p1), p1);
    }, [r.normal([2, 3])]);
  });

  it("gives zeros to slices no gradient reached", () => {
    const x = randn([4, 2], { requiresGrad: true });
    const pieces = unbind(x);
    sum(mul(pieces[1], 5)).backward();
    assertClose(x.grad!, [0, 0, 5, 5, 0, 0, 0, 0]);
  });

  it("stacks back to the original tensor", () => {
    const x = randn([3, 2, 2]);
    const back: Tensor = stack(unbind(x, 2), 2);
    assert.deepEqual(Array.from(back.values), Array.from(x.values));
  });

  it("rejects an axis out of range and a 0-d tensor", () => {
    assert.throws(() => unbind(randn([2, 3]), 2), /unbind: axis 2 is out of range for a tensor with 2 dimension\(s\)/);
    assert.throws(() => unbind(randn([])), /unbind: needs a tensor with at least 1 dimension, got a 0-d tensor/);
  });
});
