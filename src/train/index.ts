/** strata/train: the training loop, evaluation, metrics, logs and progress. */
export { fit } from "./fit.js";
export type { FitOptions, FitResult, EpochRecord, BatchRecord, EarlyStopping, TrainableModel, FitOptimizer, EpochScheduler, TrainLoader } from "./fit.js";
export { evaluate } from "./evaluate.js";
export { guardedStep, assertFiniteGradients, NonFiniteError } from "./guarded-step.js";
export type { GuardedStepOptions } from "./guarded-step.js";
export type { Evaluation, EvaluateOptions } from "./evaluate.js";
export { accuracy, topKAccuracy, topKCorrect, ConfusionMatrix } from "./metrics.js";
export { bestThreshold, verificationAccuracy } from "./verification.js";
export { JsonlLog } from "./log.js";
export { epochProgress } from "#platform/progress.js";
export type { Batch, LossFn, Classifier } from "./types.js";
export { trainTbpttEpoch, evaluateTbptt, detachState } from "./tbptt.js";
export type { RecurrentModel, RecurrentStateLike, TbpttEpochOptions } from "./tbptt.js";
export { compareLanguageModels, formatLmComparison, resolveLmCompareSettings, LM_COMPARE_DEFAULTS, LM_COMPARE_SPLIT } from "./lm-compare.js";
export type { LmCompareSettings, LmCompareRow, LmComparison, LmCompareProgress, HeldOutScore } from "./lm-compare.js";
export * as search from "./search/index.js";
export { trainContrastive } from "./contrastive.js";
export type { ContrastiveTrainingOptions } from "./contrastive.js";
