/**
 * Sparse coding (E(Y, Z) = ½‖Y − W_d Z‖² + λ‖Z‖₁) with inference by ISTA, FISTA and coordinate
 * descent, dictionary learning with unit-norm atoms, and learned inference (LISTA, LCoD).
 */
export { SparseCoding } from "./sparse-coding.js";
export type { SparseCodingOptions } from "./sparse-coding.js";
export { SparseCoder } from "./sparse-coder.js";
export type { InferOptions } from "./sparse-coder.js";
export { coordinateDescent } from "./coordinate-descent.js";
export { fista, ista } from "./proximal-gradient.js";
export type { IterationOptions, ProximalProblem } from "./proximal-gradient.js";
export { largestEigenvalue } from "./linear-operator.js";
export type { LinearOperator } from "./linear-operator.js";
export { shrink } from "./shrink.js";
export { dictionaryStep, forEachBatch } from "./dictionary-learning.js";
export type { EpochOptions, LearningStepResult } from "./dictionary-learning.js";
export { Lista } from "./lista.js";
export { Lcod } from "./lcod.js";
export { UnfoldedEncoder } from "./unfolded-encoder.js";
export { codePredictionEpoch, relativeCodeError } from "./code-prediction.js";
export { ConvSparseCoding } from "./conv-sparse-coding.js";
export { shiftedCopyScores } from "./shift-redundancy.js";
export { TopographicSparseCoding } from "./topographic.js";
export type { TopographicOptions } from "./topographic.js";
