export { Tensor } from "./tensor.js";
export type { GradNode, NestedArray } from "./tensor.js";
export type { DType, TypedArray } from "./dtype.js";
export { allocate, dtypeOf, isFloat, promote, floatOf } from "./dtype.js";
export { ShapeError, fmtShape, sizeOf, sameShape, stridesOf, broadcastShapes, normAxis, normAxes } from "./shape.js";
export { Generator, manualSeed, defaultGenerator } from "./random.js";
export { countNonFinite } from "./finite.js";
