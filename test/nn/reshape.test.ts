import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arange, nn, sum, tensor } from "../../src/index.js";
import { assertShape } from "../helpers.js";

describe("nn.Reshape", () => {
  it("keeps the batch axis and reshapes each sample, inferring a -1", () => {
    const x = arange(24).reshape([2, 12]);
    const y = new nn.Reshape(3, 4).forward(x);
    assertShape(y, [2, 3, 4]);
    assert.deepEqual(Array.from(y.values), Array.from(x.values));
    assertShape(new nn.Reshape(-1, 2).forward(arange(24).reshape([2, 3, 4])), [2, 6, 2]);
    assertShape(new nn.Reshape(12).forward(arange(12).reshape([1, 3, 4])), [1, 12]);
    assert.deepEqual(new nn.Reshape(2, -1).outputShape([0, 6]), [0, 2, 3]);
  });

  it("passes the gradient back in the input's shape", () => {
    const x = tensor([[1, 2, 3, 4]]).requiresGrad_();
    sum(new nn.Reshape(2, 2).forward(x).mul(tensor([[1, 2], [3, 4]]))).backward();
    assertShape(x.grad!, [1, 4]);
    assert.deepEqual(Array.from(x.grad!.values), [1, 2, 3, 4]);
  });

  it("names the input, the sample size and the shape when they do not fit", () => {
    assert.throws(
      () => new nn.Reshape(3, 4).forward(arange(20).reshape([2, 10])),
      /^ShapeError: Reshape: cannot reshape each sample of \[2, 10\] \(10 elements after the batch axis\) into \[3, 4\]$/,
    );
    assert.throws(() => new nn.Reshape(3, -1).forward(arange(20).reshape([2, 10])), /cannot reshape each sample of \[2, 10\]/);
    assert.throws(() => new nn.Reshape(-1, -1), /at most one -1/);
    assert.throws(() => new nn.Reshape(), /give the shape of one sample/);
    assert.equal(new nn.Reshape(3, 4).toString(), "Reshape(size=(3, 4))");
  });
});
