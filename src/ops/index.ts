/** Every differentiable operation, as functions; importing this also installs the Tensor methods. */
import "./methods.js";
export * from "./creation.js";
export { add, sub, mul, div, pow, maximum, minimum } from "./arithmetic.js";
export * from "./math.js";
export * from "./compare.js";
export * from "./reduce.js";
export { matmul, matmulT } from "./matmul.js";
export * from "./shape.js";
export * from "./slice.js";
export * from "./gather.js";
export { softmax, logSoftmax } from "./softmax.js";
export { cast } from "./cast.js";
export { batchNormTraining } from "./batchnorm.js";
export type { BatchNormTrainingResult } from "./batchnorm.js";
export type { TensorLike } from "./helpers.js";
