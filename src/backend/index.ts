export type { KernelMap, KernelName, TensorData, MutableTensorData, SgdStepParams, AdamStepParams, UnaryOp, BinaryOp, ReduceOp } from "./kernels.js";
export { registerBackend, registerKernel, setBackend, getBackend, listBackends, kernels } from "./registry.js";
export type { Backend } from "./registry.js";
export { setThreads, getThreads, backendInfo } from "./threads.js";
export type { BackendInfo } from "./threads.js";
import { referenceBackend } from "./reference/index.js";
import { listBackends, registerBackend, setBackend } from "./registry.js";
import { wasmBackend, wasmLoadError } from "./wasm/index.js";

registerBackend(referenceBackend);
if (wasmBackend) registerBackend(wasmBackend);
// STRATA_BACKEND picks the backend; otherwise wasm where it loaded, else the reference one. A
// backend that cannot be had is said in one line (an exception would be a stack trace from the
// library's import) and the default used.
const requested = typeof process !== "undefined" ? process.env?.STRATA_BACKEND : undefined;
const fallback = wasmBackend ? "wasm" : "reference";
if (requested && !listBackends().includes(requested)) {
  const why = requested === "wasm" ? `the wasm backend did not load here (${wasmLoadError?.message})` : `there is no backend of that name (there are: ${listBackends().join(", ")})`;
  console.warn(`strata: STRATA_BACKEND=${requested} cannot be used: ${why}; using ${fallback}`);
}
setBackend(requested && listBackends().includes(requested) ? requested : fallback);
export { nextTurn } from "./turn.js";
