/**
 * Tensors that live in the wasm kernel memory: results stay there and the next kernel reads them
 * in place; views nobody owns are copied; blocks come back when their tensors are collected;
 * past the resident limit results are ordinary arrays; the allocator's size classes and its
 * out-of-memory error.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { convRelu, nn, Tensor, randn, tensor } from "../../../src/index.js";
import { namingMemoryErrors, wasmRuntime } from "../../../src/backend/wasm/index.js";
import { Allocator, KernelMemoryError, sizeClass } from "../../../src/backend/wasm/allocator.js";
import { assertClose, onBackend } from "../../helpers.js";

const heap = wasmRuntime!.heap;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("tensors resident in wasm memory", () => {
  it("keeps a wasm kernel's result in kernel memory, where the next kernel reads it without a copy", () => {
    onBackend("wasm", () => {
      const x = randn([64, 100]);
      assert.equal(heap.isResident(x.values), false, "a tensor made in JavaScript stays there");
      const y = x.exp();
      assert.ok(heap.isResident(y.values), "exp's result lives in kernel memory");
      assert.equal(heap.put(y), y.values.byteOffset, "a kernel reading y gets its own storage, not a scratch copy");
      const z = y.log();
      assertClose(Array.from(z.values), Array.from(x.values), { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it("moves a trainable leaf (a parameter) in on first use, and leaves other inputs where they are", () => {
    onBackend("wasm", () => {
      const w = randn([32, 64]).requiresGrad_();
      const data = randn([16, 64]);
      const before = Array.from(w.values);
      nn.functional.linear(data, w);
      assert.ok(heap.isResident(w.values), "the parameter now lives in kernel memory");
      assert.deepEqual(Array.from(w.values), before, "with the same values");
      assert.equal(heap.isResident(data.values), false, "the batch was copied, not moved");
    });
  });

  it("reads resident tensors as any other: dataSync copies, toArray, itemSync, and on the reference backend", () => {
    const resident = onBackend("wasm", () => randn([3, 100]).exp());
    assert.ok(heap.isResident(resident.values));
    const copy = resident.dataSync();
    assert.equal(copy.buffer instanceof SharedArrayBuffer, false, "dataSync hands back an ordinary array");
    assert.deepEqual(Array.from(copy), Array.from(resident.values));
    assert.deepEqual((resident.toArray() as number[][]).flat(), Array.from(resident.values));
    assert.equal(resident.sum().itemSync() > 0, true);
    const onReference = onBackend("reference", () => resident.mul(tensor([2])).sum().itemSync());
    assertClose([onReference], [2 * Array.from(resident.values).reduce((a, b) => a + b, 0)], { rtol: 1e-5 });
  });

  it("copies a view of kernel memory that no tensor owns (a subarray), so it cannot outlive its block", () => {
    const y = onBackend("wasm", () => randn([1000]).exp());
    const part = new Tensor(y.values.subarray(10, 20), [10]);
    assert.equal(heap.isResident(part.values), false);
    assert.deepEqual(Array.from(part.values), Array.from(y.values.subarray(10, 20)));
    assert.equal(new Tensor(y.values, [1000]).values, y.values, "the owning view itself is shared, as detach() shares storage");
  });

  it("takes blocks back once their tensors are collected: 400 MiB of results in 4 MiB steps hold far less", async () => {
    await onBackend("wasm", async () => {
      const x = randn([1 << 20]);
      const start = heap.extent;
      for (let i = 0; i < 100; i++) {
        x.exp();
        await turn();
      }
      const grown = heap.extent - start;
      assert.ok(grown < 300 * 2 ** 20, `kernel memory grew by ${(grown / 2 ** 20).toFixed(0)} MiB for 400 MiB of short-lived results`);
    });
  });

  it("computes right with tensors above 2 GiB in the kernel memory (byte offsets past int32)", () => {
    const x = randn([4, 6, 20, 20]);
    const w = randn([8, 6, 3, 3]);
    const expected = onBackend("reference", () => {
      const wr = w.detach().requiresGrad_();
      const y = nn.functional.maxPool2d(convRelu(x, wr, null, { padding: 1 }), 2);
      y.mul(y).sum().backward();
      return { y: Array.from(y.values), g: Array.from(wr.grad!.values) };
    });
    heap.scoped(() => {
      // 2 GiB of untouched scratch first (address space only), so what follows lands above it
      heap.alloc(2 ** 31);
      onBackend("wasm", () => {
        const ww = w.detach().requiresGrad_();
        const y = nn.functional.maxPool2d(convRelu(x, ww, null, { padding: 1 }), 2);
        assert.ok(y.values.byteOffset >= 2 ** 31, `the result sits at byte ${y.values.byteOffset}`);
        y.mul(y).sum().backward();
        assertClose(Array.from(y.values), expected.y, { rtol: 1e-5, atol: 1e-5 });
        assertClose(Array.from(ww.grad!.values), expected.g, { rtol: 1e-4, atol: 1e-3 });
      });
    });
  });

  it("past the resident limit, returns results as ordinary arrays, still correct", () => {
    const limit = heap.residentLimit;
    heap.residentLimit = 0;
    try {
      const x = onBackend("reference", () => randn([5000]));
      const y = onBackend("wasm", () => x.exp());
      assert.equal(heap.isResident(y.values), false);
      assertClose(Array.from(y.values), Array.from(x.values).map(Math.exp), { rtol: 1e-5 });
    } finally {
      heap.residentLimit = limit;
    }
  });
});

describe("the kernel memory allocator", () => {
  it("rounds requests to size classes wasting at most a quarter, with room for one vector past the end", () => {
    for (const bytes of [1, 15, 16, 100, 256, 257, 1000, 4096, 5000, 123_457, 2 ** 20 + 1, 3e8]) {
      const size = sizeClass(bytes);
      assert.ok(size >= bytes + 16, `${bytes} → ${size}`);
      assert.ok(size <= Math.max(256, 1.25 * (bytes + 16)), `${bytes} → ${size}: too much waste`);
      assert.equal(size % 16, 0);
    }
  });

  it("reuses a freed block of the same class, and grows the memory only for new ones", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
    const allocator = new Allocator(memory, 0, () => {});
    const a = allocator.take(1000);
    allocator.release(a.ptr, a.size);
    assert.equal(allocator.take(990).ptr, a.ptr, "same class, same block");
    const b = allocator.take(100_000);
    assert.ok(memory.buffer.byteLength >= b.ptr + b.size);
    assert.equal(allocator.inUse, a.size + b.size);
  });

  it("names the sizes when the memory cannot grow (wasm32 stops at 4 GiB; here a 1 MiB memory)", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    const allocator = new Allocator(memory, 0, () => {});
    allocator.take(512 * 1024);
    assert.throws(() => allocator.take(2 * 2 ** 20), {
      name: "KernelMemoryError",
      message: /^wasm backend: out of kernel memory: a block of 2\.5 MiB does not fit\. Tensors and kernel scratch hold 0\.6 MiB, 0\.0 MiB more is free but sized for other requests, and the memory cannot grow past 0\.6 MiB/,
    });
  });

  it("refuses a block past wasm32's 4 GiB without growing the memory toward it", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    // blocks already reach 64 bytes short of 4 GiB (as after a long run); one more of 1 KiB cannot fit
    const allocator = new Allocator(memory, 2 ** 32 - 64, () => {});
    assert.throws(() => allocator.take(1024), (e: Error) => e instanceof KernelMemoryError && /a block of 0\.0 MiB does not fit.*wasm32 stops at 4096\.0 MiB.*setBackend\("reference"\)/.test(e.message));
    assert.equal(memory.buffer.byteLength, 65536, "the memory did not grow");
  });

  it("names the kernel, its op and the shapes it was given when memory runs out", () => {
    const failing = namingMemoryErrors("unary", (_op: string, _x: unknown) => {
      throw new KernelMemoryError("a block of 2560.0 MiB does not fit");
    });
    assert.throws(() => failing("relu", tensor([[1, 2, 3]])), {
      name: "KernelMemoryError",
      message: 'wasm backend: out of kernel memory: kernel "unary" (relu) on [1, 3]: a block of 2560.0 MiB does not fit',
    });
    const other = namingMemoryErrors("matmul", () => {
      throw new TypeError("not a memory problem");
    });
    assert.throws(() => other(), { name: "TypeError", message: "not a memory problem" });
  });
});
