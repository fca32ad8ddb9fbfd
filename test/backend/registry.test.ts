import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { getBackend, listBackends, matmul, registerBackend, registerKernel, setBackend, tensor } from "../../src/index.js";
import { kernels, type KernelMap } from "../../src/backend/index.js";

describe("kernel registry", () => {
  const initial = getBackend();
  afterEach(() => setBackend(initial));

  it("uses the active backend's kernel and falls back to the reference for the rest", () => {
    setBackend("reference");
    const reference = kernels();
    const calls: string[] = [];
    // a backend with a single kernel: unary, which records its calls and otherwise defers
    const unary: KernelMap["unary"] = (op, x) => {
      calls.push(op);
      return reference.unary(op, x);
    };
    registerBackend({ name: "one-kernel", kernels: { unary } });
    try {
      setBackend("one-kernel");
      assert.equal(getBackend(), "one-kernel");
      assert.ok(listBackends().includes("one-kernel"));
      assert.deepEqual([...tensor([0, 1]).exp().values], [1, Math.fround(Math.E)]);
      assert.deepEqual(calls, ["exp"]);
      assert.equal(kernels().unary, unary);
      assert.equal(kernels().matmul, reference.matmul, "a kernel the backend lacks comes from the reference");
      assert.deepEqual(matmul(tensor([[2]]), tensor([[3]])).toArray(), [[6]]);
    } finally {
      setBackend("reference");
    }
    assert.equal(kernels().unary, reference.unary);
  });

  it("registerKernel adds a kernel to a registered backend, taking effect at once", () => {
    registerBackend({ name: "growing", kernels: {} });
    try {
      setBackend("growing");
      const before = kernels().clamp;
      const clamp: KernelMap["clamp"] = (x) => ({ shape: x.shape, dtype: x.dtype, values: x.values.map(() => 42) });
      registerKernel("growing", "clamp", clamp);
      assert.notEqual(kernels().clamp, before);
      assert.deepEqual([...tensor([1, 2]).clamp(0, 1).values], [42, 42]);
    } finally {
      setBackend(initial);
    }
  });

  it("names the backend it cannot find", () => {
    assert.throws(() => setBackend("nope"), /setBackend: no backend named "nope" \(registered: reference/);
    assert.throws(() => registerKernel("nope", "unary", kernels().unary), /registerKernel: no backend named "nope"/);
  });
});
