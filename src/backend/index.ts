export type { KernelMap, KernelName, TensorData, MutableTensorData, SgdStepParams, AdamStepParams, UnaryOp, BinaryOp, ReduceOp } from "./kernels.js";
export { registerBackend, registerKernel, setBackend, getBackend, listBackends, kernels } from "./registry.js";
export type { Backend } from "./registry.js";
export { setThreads, getThreads, backendInfo } from "./threads.js";
export type { BackendInfo } from "./threads.js";
import { referenceBackend } from "./reference/index.js";
import { registerBackend, setBackend } from "./registry.js";
import { wasmBackend, wasmLoadError } from "./wasm/index.js";

registerBackend(referenceBackend);
if (wasmBackend) registerBackend(wasmBackend);
// STRATA_BACKEND picks the backend; otherwise wasm where it loaded, else the reference one.
const requested = typeof process !== "undefined" ? process.env?.STRATA_BACKEND : undefined;
if (requested === "wasm" && !wasmBackend) throw new Error(`STRATA_BACKEND=wasm: the wasm backend did not load here: ${wasmLoadError?.message}`);
setBackend(requested && requested !== "" ? requested : wasmBackend ? "wasm" : "reference");
export { nextTurn } from "./turn.js";
