/** Strata: a deep-learning framework for TypeScript. */
import "./backend/index.js";
export * from "./ops/index.js";
export * from "./tensor/index.js";
export { noGrad, enableGrad, isGradEnabled, setGradEnabled, backward, grad, gradcheck, GradcheckError, hessianVectorProduct } from "./autograd/index.js";
export { detectAnomaly, setDetectAnomaly, isAnomalyEnabled, AnomalyError } from "./autograd/index.js";
export type { BackendInfo } from "./backend/index.js";
export type { BackwardOptions, GradOptions, GradcheckOptions, GradcheckMismatch } from "./autograd/index.js";
export { setBackend, getBackend, listBackends, registerBackend, registerKernel, setThreads, getThreads, backendInfo, nextTurn } from "./backend/index.js";
export * as data from "./data/index.js";
export * as io from "./io/index.js";
export * as optim from "./optim/index.js";
export * as nn from "./nn/index.js";
export * as models from "./models/index.js";
export { defineOp, OpContext } from "./autograd/index.js";
export type { OpDefinition } from "./autograd/index.js";
