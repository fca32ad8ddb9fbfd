/**
 * The `wasm` backend: AssemblyScript kernels with 128-bit SIMD on a shared memory, split over
 * worker threads when large enough. Loaded when this module is imported; if it cannot load here,
 * `wasmLoadError` says why and the reference backend stays in charge.
 */
import type { KernelMap } from "../kernels.js";
import { getBackend, type Backend } from "../registry.js";
import { setKernelResultMemory } from "../storage.js";
import { referenceBackend } from "../reference/index.js";
import { makeConvKernels } from "./conv.js";
import { makeBroadcastKernels } from "./elementwise-broadcast.js";
import { makeUnaryKernels } from "./elementwise.js";
import { makeLstmKernels } from "./lstm.js";
import { makeMatmul } from "./matmul.js";
import { makeOptimizerKernels } from "./optimizer.js";
import { makeReduceKernels } from "./reduce.js";
import { makeSoftmaxKernels } from "./softmax.js";
import { makeBatchNormKernels } from "./batchnorm.js";
import { makePoolKernels } from "./pool-kernels.js";
import { KernelMemoryError } from "./allocator.js";
import { KERNELS_URL, loadRuntime, type WasmRuntime } from "./runtime.js";

const loaded = await loadRuntime();
if (loaded instanceof Error) {
  // said once, here, rather than a silent fall back to kernels 5–14× slower
  console.warn(`strata: the wasm backend could not load its kernels from ${KERNELS_URL}, so the slower reference backend runs instead: ${loaded.message}`);
}

export const wasmRuntime: WasmRuntime | null = loaded instanceof Error ? null : loaded;
export const wasmLoadError: Error | null = loaded instanceof Error ? loaded : null;

function wasmKernels(runtime: WasmRuntime): Partial<KernelMap> {
  const reference = referenceBackend.kernels;
  return {
    matmul: makeMatmul(runtime, reference.matmul),
    ...makeLstmKernels(runtime, reference),
    ...makeUnaryKernels(runtime, reference),
    ...makeBroadcastKernels(runtime, reference),
    ...makeReduceKernels(runtime, reference),
    ...makeSoftmaxKernels(runtime, reference),
    ...makeBatchNormKernels(runtime, reference),
    ...makePoolKernels(runtime, reference),
    ...makeConvKernels(runtime, reference),
    ...makeOptimizerKernels(runtime, reference),
  };
}

/** A kernel that, when memory runs out, says which kernel it was and on which shapes. */
export function namingMemoryErrors<F extends (...args: never[]) => unknown>(name: string, kernel: F): F {
  return ((...args: never[]) => {
    try {
      return kernel(...args);
    } catch (error) {
      if (!(error instanceof KernelMemoryError)) throw error;
      const shapes = (args as unknown[]).flatMap((a) => (Array.isArray((a as { shape?: unknown })?.shape) ? [`[${(a as { shape: number[] }).shape.join(", ")}]`] : []));
      const op = (args as unknown[]).find((a) => typeof a === "string"); // unary("relu", x) and the like
      throw new KernelMemoryError(`kernel "${name}"${op ? ` (${op})` : ""}${shapes.length ? ` on ${shapes.join(", ")}` : ""}: ${error.detail}`);
    }
  }) as F;
}

function guardedKernels(runtime: WasmRuntime): Partial<KernelMap> {
  return Object.fromEntries(Object.entries(wasmKernels(runtime)).map(([name, kernel]) => [name, namingMemoryErrors(name, kernel as never)]));
}

export const wasmBackend: Backend | null = wasmRuntime ? { name: "wasm", kernels: guardedKernels(wasmRuntime) } : null;

// The reference kernels this backend falls back on (layout, indexing, casts) write their results
// into kernel memory while it is active, so the next wasm kernel reads them in place.
if (wasmRuntime) {
  const { heap, kernels } = wasmRuntime;
  setKernelResultMemory((dtype, n) => {
    if (getBackend() !== "wasm") return null;
    const values = heap.residentValues(dtype, n);
    // zeroed by wasm's memory.fill: TypedArray.fill on shared memory runs at under half its speed
    if (values) kernels.zeroFill(values.byteOffset, values.byteLength);
    return values;
  });
}
