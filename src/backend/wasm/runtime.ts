/**
 * Loads the compiled kernels (kernels.wasm, built from assembly/ by `npm run build`) onto a shared
 * memory and starts the thread pool. What differs between Node and a browser (reading the file or
 * fetching it, worker_threads or Web Workers, a forced garbage collection) is the platform's
 * WasmHost, chosen by package.json's "imports" conditions.
 */
import { wasmHost } from "#platform/wasm-host.js";
import type { KernelExports } from "./exports.js";
import { Heap } from "./heap.js";
import { ThreadPool } from "./thread-pool.js";

export interface WasmRuntime {
  kernels: KernelExports;
  heap: Heap;
  pool: ThreadPool;
  /** Why the pool has the threads it started with (for backendInfo()). */
  threadsWhy: string;
}

const INITIAL_PAGES = 64;
/** 4 GiB, wasm32's limit; a shared memory must declare one, and only address space is reserved. */
const MAXIMUM_PAGES = 65536;

/**
 * Where the kernels are: beside this module, found through import.meta.url so that bundlers (Vite,
 * webpack) copy the file into their output.
 */
export const KERNELS_URL = new URL("./kernels.wasm", import.meta.url);

/** The runtime, or the reason it cannot load here (no SIMD, no shared memory, no kernels.wasm…). */
export async function loadRuntime(): Promise<WasmRuntime | Error> {
  const { threads, why } = await wasmHost.defaultThreads();
  try {
    const module = await wasmHost.compileKernels(KERNELS_URL);
    const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const kernels = instance.exports as unknown as KernelExports;
    const heap = new Heap(memory, await wasmHost.fullCollection());
    const pool = new ThreadPool(heap, module, kernels, wasmHost.workerSpawner(module, memory));
    pool.resize(threads);
    return { kernels, heap, pool, threadsWhy: why };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
