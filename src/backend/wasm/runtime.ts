/**
 * Loads the compiled kernels (kernels.wasm, built from assembly/ by `npm run build`) onto a shared
 * memory and starts the thread pool. In Node the file is read from beside this module and workers
 * are worker_threads; in a browser it is fetched, and kernels run on the calling thread (a page's
 * main thread may not block on Atomics.wait, which the pool needs).
 */
import type { KernelExports } from "./exports.js";
import { Heap } from "./heap.js";
import { ThreadPool } from "./thread-pool.js";

export interface WasmRuntime {
  kernels: KernelExports;
  heap: Heap;
  pool: ThreadPool;
}

const INITIAL_PAGES = 64;
/** 4 GiB, wasm32's limit; a shared memory must declare one, and only address space is reserved. */
const MAXIMUM_PAGES = 65536;

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";

async function compile(): Promise<WebAssembly.Module> {
  const url = new URL("./kernels.wasm", import.meta.url);
  if (isNode) {
    const { readFile } = await import("node:fs/promises");
    return WebAssembly.compile(await readFile(url));
  }
  return WebAssembly.compileStreaming(fetch(url));
}

async function workerSpawner(module: WebAssembly.Module, memory: WebAssembly.Memory) {
  if (!isNode) return null;
  const { Worker } = await import("node:worker_threads");
  const script = new URL("./worker.js", import.meta.url);
  return (id: number) => new Worker(script, { workerData: { module, memory, id } });
}

/**
 * A full garbage collection, in Node. V8 cannot see the kernel memory that tensors hold, so the
 * heap asks for collections itself (see heap.ts). Node offers `gc` only behind --expose-gc: the flag
 * is turned on just long enough to fetch the function from a fresh context, and off again, so the
 * user's global scope gains nothing.
 */
async function fullCollection(): Promise<(() => void) | null> {
  if (!isNode) return null;
  const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all([import("node:v8"), import("node:vm")]);
  setFlagsFromString("--expose-gc");
  try {
    const gc = runInNewContext("gc") as unknown;
    return typeof gc === "function" ? () => void gc() : null;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/** STRATA_THREADS, else the number of cores. A bad value is an error, not silently ignored. */
async function defaultThreads(): Promise<number> {
  if (!isNode) return 1;
  const requested = process.env.STRATA_THREADS;
  if (requested === undefined || requested === "") return (await import("node:os")).availableParallelism();
  const n = Number(requested);
  if (!Number.isInteger(n) || n < 1) throw new Error(`STRATA_THREADS must be a whole number ≥ 1, got "${requested}"`);
  return n;
}

/** The runtime, or the reason it cannot load here (no SIMD, no shared memory, no kernels.wasm…). */
export async function loadRuntime(): Promise<WasmRuntime | Error> {
  const threads = await defaultThreads();
  try {
    const module = await compile();
    const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const kernels = instance.exports as unknown as KernelExports;
    const heap = new Heap(memory, await fullCollection());
    const pool = new ThreadPool(heap, module, kernels, await workerSpawner(module, memory));
    pool.resize(threads);
    return { kernels, heap, pool };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
