export type { KernelMap, KernelName, TensorData, UnaryOp, BinaryOp, ReduceOp } from "./kernels.js";
export { registerBackend, registerKernel, setBackend, getBackend, listBackends, kernels } from "./registry.js";
export type { Backend } from "./registry.js";
import { referenceBackend } from "./reference/index.js";
import { registerBackend, setBackend } from "./registry.js";

registerBackend(referenceBackend);
const requested = typeof process !== "undefined" ? process.env?.STRATA_BACKEND : undefined;
setBackend(requested && requested !== "" ? requested : "reference");
