import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gather, gradcheck, GradcheckError, tensor, type Tensor } from "../../src/index.js";

describe("gradcheck reports", () => {
  it("passes int32 inputs (indices) through unchecked", () => {
    const index = tensor([[1, 0]], { dtype: "int32" });
    assert.equal(gradcheck((x, i) => gather(x, 1, i), [tensor([[0.5, -1]]), index]), true);
  });

  it("names the input, the element and both values of each mismatch", () => {
    // an op whose recorded backward forgets the second input's gradient
    const forgetful = (a: Tensor, b: Tensor) => {
      const out = a.add(b).detach();
      out.requiresGrad = true;
      out.gradFn = { name: "forgetful", inputs: [a, b], backward: (g) => [g, null] };
      return out;
    };
    assert.throws(() => gradcheck(forgetful, [tensor([1, 2]), tensor([3, 4])]), (e: Error) => {
      assert.ok(e instanceof GradcheckError);
      assert.equal(e.mismatches.length, 2);
      assert.deepEqual(e.mismatches.map((m) => [m.input, m.index, m.analytic]), [[1, 0, 0], [1, 1, 0]]);
      assert.match(e.message, /^gradcheck: 2 of 4 gradient entries differ: input 1\[0\]: autograd 0\.0000000 vs finite difference /);
      return true;
    });
  });
});
