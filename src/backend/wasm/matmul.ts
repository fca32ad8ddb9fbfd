/**
 * Batched matrix product on the wasm GEMM, split over threads by batch entries or bands; a product
 * of a few rows with a transposed B (a linear layer at batch 1–8) goes to the unpacked,
 * register-tiled dot products of gemmNTChunk instead.
 */
import type { KernelMap } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import { batchMatrixPairs } from "../batch-matrices.js";
import type { WasmRuntime } from "./runtime.js";
import { GemmNTSlot, GemmSlot } from "./layout/product-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";

/** Below this many multiply-adds a product stays on one thread: waking the others costs more. */
const PARALLEL_MACS = 1 << 18;
/**
 * Up to this many rows of A, A·Bᵀ runs as 2×4 tiles of dot products over A's and B's rows,
 * unpacked, streaming B once. On VGG-11's classifier at batch 8 (2 threads) the tiles took 135–139
 * ms for 25088 → 4096 and 11–12 ms for 4096 → 4096, where one dot product per entry took 168 and
 * 16; at batch 1 they are even (45 ms; the packed GEMM: 47). More rows do not pay in training:
 * at 32 rows (the LSTM's recurrent step in W5) and 64 (LeNet-5's and the MLP's layers) the tiles
 * saved nothing against the packed GEMM over whole steps (W5: 31.5 against 28.8 ms a step).
 */
const NT_ROWS = 8;

export function makeMatmul({ kernels, heap, pool }: WasmRuntime, fallback: KernelMap["matmul"]): KernelMap["matmul"] {
  return (a, b, transA, transB, batchShape, epilogue) => {
    const bias = epilogue?.bias ?? null;
    if (a.dtype !== "float32" || b.dtype !== "float32" || (bias && bias.dtype !== "float32")) return fallback(a, b, transA, transB, batchShape, epilogue);
    const ar = a.shape.length;
    const br = b.shape.length;
    const m = transA ? a.shape[ar - 1] : a.shape[ar - 2];
    const k = transA ? a.shape[ar - 2] : a.shape[ar - 1];
    const n = transB ? b.shape[br - 2] : b.shape[br - 1];
    const batches = sizeOf(batchShape);
    const shape = [...batchShape, m, n];
    const size = batches * m * n;
    if (size === 0 || k === 0) return fallback(a, b, transA, transB, batchShape, epilogue);
    const values = heap.scoped(() => {
      const aPtr = heap.put(a);
      const bPtr = heap.put(b);
      const out = heap.output(size);
      const biasPtr = bias ? heap.put(bias) : 0;
      const relu = epilogue?.activation === "relu" ? 1 : 0;
      if (m <= NT_ROWS && batches === 1 && transB && !transA) {
        const parallel = pool.size > 1 && m * n * k >= PARALLEL_MACS;
        const { chunks, perChunk } = split(n, pool.size, parallel, { multiple: 4 });
        const args = slotValues<GemmNTSlot>({
          [GemmNTSlot.M]: m, [GemmNTSlot.N]: n, [GemmNTSlot.K]: k, [GemmNTSlot.A]: aPtr, [GemmNTSlot.B]: bPtr, [GemmNTSlot.C]: out.ptr,
          [GemmNTSlot.PerChunk]: perChunk, [GemmNTSlot.Bias]: biasPtr, [GemmNTSlot.Relu]: relu,
        });
        pool.run("gemmNTChunk", pool.args(args), chunks, parallel);
        return out.take();
      }
      // per batch entry, the element offsets of its A and B matrices
      const pairs = batchMatrixPairs(a.shape, b.shape, batchShape);
      for (let t = 0; t < batches; t++) {
        pairs[2 * t] *= m * k;
        pairs[2 * t + 1] *= k * n;
      }
      const offsets = heap.put(pairs);
      const parallel = pool.size > 1 && batches * m * n * k >= PARALLEL_MACS;
      const byColumns = n > m;
      const parts = parallel && batches < 2 * pool.size ? Math.min(Math.ceil((byColumns ? n : m) / 32), 2 * pool.size) : 1;
      const scratch = heap.alloc(pool.size * kernels.gemmScratchBytes());
      const args = slotValues<GemmSlot>({
        [GemmSlot.M]: m, [GemmSlot.N]: n, [GemmSlot.K]: k,
        [GemmSlot.A]: aPtr, [GemmSlot.RowStrideA]: transA ? 1 : k, [GemmSlot.ColStrideA]: transA ? m : 1,
        [GemmSlot.B]: bPtr, [GemmSlot.RowStrideB]: transB ? 1 : n, [GemmSlot.ColStrideB]: transB ? k : 1,
        [GemmSlot.C]: out.ptr, [GemmSlot.Parts]: parts, [GemmSlot.ByColumns]: byColumns ? 1 : 0,
        [GemmSlot.Scratch]: scratch, [GemmSlot.Offsets]: offsets, [GemmSlot.Bias]: biasPtr, [GemmSlot.Relu]: relu,
      });
      pool.run("gemmChunk", pool.args(args), batches * parts, parallel);
      return out.take();
    });
    return { shape, dtype: "float32", values };
  };
}
