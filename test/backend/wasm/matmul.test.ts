import { describe, it } from "node:test";
import { getThreads, setThreads } from "../../../src/backend/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertSameData, backendPair, onWorkers, randomData } from "./compare.js";

describe("wasm matmul against the reference", () => {
  const { wasm, reference } = backendPair();
  const gen = new Generator(5);
  // [m, k, n, transA, transB, batch dims of A, batch dims of B, batch shape]
  const cases: [number, number, number, boolean, boolean, number[], number[], number[]][] = [
    [1, 1, 1, false, false, [], [], []],
    [5, 7, 3, false, false, [], [], []],
    [6, 256, 8, false, false, [], [], []],
    [7, 257, 9, true, false, [], [], []],
    [61, 33, 97, false, true, [], [], []],
    [97, 300, 13, true, true, [], [], []],
    [13, 5, 2100, false, false, [], [], []],
    [3, 4, 5, false, false, [2, 3], [2, 3], [2, 3]],
    [40, 30, 20, true, false, [4, 1], [3], [4, 3]],
    [64, 120, 200, false, true, [], [2], [2]],
    // up to 8 rows times Bᵀ: the unpacked dot-product tiles (gemmNTChunk), odd lengths, split over threads
    [1, 25, 7, false, true, [], [], []],
    [7, 259, 1030, false, true, [], [], []],
    [8, 120, 84, false, true, [], [], []],
    [3, 1031, 257, false, true, [], [], []],
    [4, 4099, 130, false, true, [1], [], [1]],
  ];
  for (const [m, k, n, transA, transB, aBatch, bBatch, batch] of cases) {
    it(`${m}×${k}·${k}×${n}${transA ? " Aᵀ" : ""}${transB ? " Bᵀ" : ""}${batch.length ? ` batch [${batch}]` : ""}, on 1 thread, on all threads and on the workers alone`, async () => {
      const a = randomData(gen, [...aBatch, ...(transA ? [k, m] : [m, k])]);
      const b = randomData(gen, [...bBatch, ...(transB ? [n, k] : [k, n])]);
      const expected = reference.matmul(a, b, transA, transB, batch);
      const threads = getThreads();
      try {
        setThreads(1);
        assertSameData(wasm.matmul(a, b, transA, transB, batch), expected, { rtol: 1e-4, atol: 1e-4, what: "1 thread" });
        setThreads(Math.max(2, threads));
        assertSameData(wasm.matmul(a, b, transA, transB, batch), expected, { rtol: 1e-4, atol: 1e-4, what: "threads" });
      } finally {
        setThreads(threads);
      }
      assertSameData(await onWorkers(() => wasm.matmul(a, b, transA, transB, batch)), expected, { rtol: 1e-4, atol: 1e-4, what: "workers" });
    });
  }

  // up to 8 rows the dot-product tiles (gemmNTChunk), past them the packed GEMM (gemmChunk)
  for (const [m, k, n] of [[2, 1027, 301], [7, 130, 97], [37, 130, 97]]) {
    it(`adds the bias and applies ReLU in the epilogue (${m}×${k}·Bᵀ), on 1 thread and on the workers`, async () => {
      const a = randomData(gen, [m, k]);
      const b = randomData(gen, [n, k]);
      const bias = randomData(gen, [n]);
      for (const epilogue of [{ bias, activation: "relu" as const }, { bias: null, activation: "relu" as const }, { bias, activation: null }]) {
        const expected = reference.matmul(a, b, false, true, [], epilogue);
        assertSameData(wasm.matmul(a, b, false, true, [], epilogue), expected, { rtol: 1e-4, atol: 1e-4, what: "calling thread" });
        assertSameData(await onWorkers(() => wasm.matmul(a, b, false, true, [], epilogue)), expected, { rtol: 1e-4, atol: 1e-4, what: "workers" });
      }
    });
  }

  it("leaves float64 products to the reference kernel", () => {
    const a = { shape: [2, 2], dtype: "float64" as const, values: new Float64Array([1, 2, 3, 4]) };
    assertSameData(wasm.matmul(a, a, false, false, []), reference.matmul(a, a, false, false, []), { what: "float64" });
  });
});
