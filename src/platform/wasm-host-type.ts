/** What the wasm backend needs from the platform it runs on (platform/node or platform/browser). */
export interface WasmHost {
  /** The kernel module at `url` (kernels.wasm beside the backend's code). */
  compileKernels(url: URL): Promise<WebAssembly.Module>;
  /** Starts worker thread `id` on the shared memory; null where no worker threads can run here. */
  workerSpawner(module: WebAssembly.Module, memory: WebAssembly.Memory): ((id: number) => { unref(): void }) | null;
  /** A full garbage collection, where the runtime offers one (see backend/wasm/heap.ts). */
  fullCollection(): Promise<(() => void) | null>;
  /** Threads to use unless told otherwise, and why that many. */
  defaultThreads(): Promise<{ threads: number; why: string }>;
  /** The machine's hardware threads. */
  cores(): number;
}
