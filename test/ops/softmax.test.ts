import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cast, getBackend, listBackends, logSoftmax, setBackend, softmax, sum, tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { assertGradcheck, sampler } from "./gradcheck.js";

describe("softmax and cast gradients (gradcheck)", () => {
  const r = sampler(8);
  for (const axis of [0, 1, -1]) {
    it(`softmax and logSoftmax along axis ${axis}`, () => {
      assertGradcheck((x) => softmax(x, axis), [r.normal([2, 3, 4])]);
      assertGradcheck((x) => logSoftmax(x, axis), [r.normal([2, 3, 4])]);
    });
  }

  it("cast between float dtypes passes the gradient back in the input's dtype", () => {
    // a float32 step in the middle rounds at 1e-7, so the finite differences need a wider step
    assertGradcheck((x) => cast(x, "float32").mul(cast(x, "float64")), [r.normal([4])], { eps: 1e-3, atol: 1e-3, rtol: 1e-3 });
    const x = tensor([1.5, -2], { requiresGrad: true });
    cast(x, "float64").mul(3).sum().backward();
    assert.equal(x.grad!.dtype, "float32");
    assertClose(x.grad!, [3, 3]);
  });
});

describe("softmax and cast values", () => {
  it("softmax rows sum to one and resist overflow", () => {
    const y = softmax(tensor([[1000, 1001, 1002], [0, 0, 0]]), 1);
    assertClose(sum(y, 1), [1, 1]);
    assertClose(y.index(1), [1 / 3, 1 / 3, 1 / 3]);
    assertClose(logSoftmax(tensor([0, 0])), [-Math.LN2, -Math.LN2]);
  });

  it("logSoftmax keeps log Σ at huge magnitudes, on every backend", () => {
    const initial = getBackend();
    try {
      for (const backend of listBackends()) {
        setBackend(backend);
        const lse = Math.log(4);
        assertClose(logSoftmax(tensor([[1e30, 1e30, 1e30, 1e30, -1e30]]), 1).reshape([-1]), [-lse, -lse, -lse, -lse, -2e30], { message: backend });
      }
    } finally {
      setBackend(initial);
    }
  });

  it("softmax of int32 is float32", () => {
    assert.equal(softmax(tensor([1, 2], { dtype: "int32" })).dtype, "float32");
  });

  it("cast to int32 truncates toward zero and records no gradient", () => {
    const x = tensor([-2.7, -0.5, 0.5, 2.7], { requiresGrad: true });
    const i = cast(x, "int32");
    assert.deepEqual([...i.values], [-2, 0, 0, 2]);
    assert.equal(i.requiresGrad, false);
    assert.equal(x.int().dtype, "int32");
    assert.equal(x.double().dtype, "float64");
    assert.equal(x.to("float32"), x, "a cast to the same dtype is the tensor itself");
  });

  it("rejects an unknown dtype by name", () => {
    assert.throws(() => cast(tensor([1]), "int8" as "int32"), /cast: unknown dtype "int8"; expected one of float32, int32, float64/);
  });
});
