/**
 * Batched matrix product on the wasm GEMM, split over threads by batch entries or bands; a product
 * of a few rows with a transposed B (a batch-1 linear layer) goes to the streaming dot products of
 * gemvChunk instead.
 */
import type { KernelMap } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import { batchMatrixPairs } from "../batch-matrices.js";
import type { WasmRuntime } from "./runtime.js";
import { GemmSlot, GemvSlot } from "./layout/product-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";

/** Below this many multiply-adds a product stays on one thread: waking the others costs more. */
const PARALLEL_MACS = 1 << 18;
/**
 * Up to this many rows of A, A·Bᵀ runs as dot products over B's rows, unpacked. On VGG-11's first
 * classifier layer (25088 → 4096, 411 MB of weights), 2 threads: 15 ms against the packed GEMM's 47
 * at batch 1, 47.5 against 57.6 at batch 8; at 16 rows the packed GEMM wins (77 against 102 ms).
 */
const GEMV_ROWS = 8;

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
      if (m <= GEMV_ROWS && batches === 1 && transB && !transA) {
        const parallel = pool.size > 1 && m * n * k >= PARALLEL_MACS;
        const { chunks, perChunk } = split(n, pool.size, parallel);
        const args = slotValues<GemvSlot>({
          [GemvSlot.M]: m, [GemvSlot.N]: n, [GemvSlot.K]: k, [GemvSlot.A]: aPtr, [GemvSlot.B]: bPtr, [GemvSlot.C]: out.ptr,
          [GemvSlot.PerChunk]: perChunk, [GemvSlot.Bias]: biasPtr, [GemvSlot.Relu]: relu,
        });
        pool.run("gemvChunk", pool.args(args), chunks, parallel);
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
