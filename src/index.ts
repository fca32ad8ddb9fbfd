/** Strata: a deep-learning framework for TypeScript. */
import "./backend/index.js";
export * from "./ops/index.js";
export { Tensor } from "./tensor/tensor.js";
export type { GradNode, NestedArray } from "./tensor/tensor.js";
export type { DType, TypedArray } from "./tensor/dtype.js";
export { ShapeError } from "./tensor/shape.js";
export { Generator, manualSeed, defaultGenerator } from "./tensor/random.js";
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from "./autograd/mode.js";
export { backward } from "./autograd/engine.js";
export type { BackwardOptions } from "./autograd/engine.js";
export { gradcheck, GradcheckError } from "./autograd/gradcheck.js";
export type { GradcheckOptions } from "./autograd/gradcheck.js";
export { setBackend, getBackend, listBackends, registerBackend, registerKernel } from "./backend/index.js";
