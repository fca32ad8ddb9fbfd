/**
 * The wasm backend's needs, met by a browser. Kernels come by fetch. Worker threads need two
 * things: a cross-origin-isolated page (COOP/COEP headers), without which memory cannot be shared
 * with a worker; and a calling thread that may block on Atomics.wait, which a page's main thread
 * may not — so Strata runs threaded only inside a Web Worker of an isolated page.
 */
import type { WasmHost } from "../wasm-host-type.js";

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

function singleThreadReason(): string | null {
  if (!isolated) return "the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)";
  if (!inWorker) return "a page's main thread may not block, which worker threads need: run Strata in a Web Worker";
  return null;
}

export const wasmHost: WasmHost = {
  async compileKernels(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`fetching ${url} gave HTTP ${response.status}`);
    // compileStreaming insists on the application/wasm content type, which not every server sends
    return response.headers.get("content-type")?.startsWith("application/wasm")
      ? WebAssembly.compileStreaming(response)
      : WebAssembly.compile(await response.arrayBuffer());
  },

  workerSpawner(module, memory) {
    if (singleThreadReason()) return null;
    return (id) => {
      const worker = new Worker(new URL("./wasm-worker.js", import.meta.url), { type: "module", name: `strata-wasm-${id}` });
      worker.postMessage({ module, memory, id });
      return { unref() {} };
    };
  },

  async fullCollection() {
    return null;
  },

  async defaultThreads() {
    const reason = singleThreadReason();
    if (reason) return { threads: 1, why: `one thread: ${reason}` };
    return { threads: navigator.hardwareConcurrency || 1, why: "one per core (navigator.hardwareConcurrency)" };
  },

  cores: () => navigator.hardwareConcurrency || 1,
};
