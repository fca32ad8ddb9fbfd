/**
 * Optimisers, parameter groups, gradient clipping, weight penalties and learning-rate schedules.
 *
 *   const opt = new optim.SGD(net.parameters(), { lr: 0.01, momentum: 0.9 });
 *   const schedule = new optim.CosineAnnealingLR(opt, { tMax: epochs });
 *   // per batch: opt.zeroGrad(); loss.backward(); optim.clipGradNorm(net.parameters(), 5); opt.step();
 *   // per epoch: schedule.step();
 */
export { Optimizer } from "./optimizer.js";
export type {
  BaseHyperParams,
  HyperParamValue,
  OptimizerDefaults,
  OptimizerStateDict,
  ParamGroup,
  ParamGroupOptions,
  ParamState,
  SavedParamGroup,
} from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adagrad, type AdagradOptions } from "./adagrad.js";
export { Adadelta, type AdadeltaOptions } from "./adadelta.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { Adam, AdamW, type AdamOptions } from "./adam.js";
export { LBFGS, type Closure, type LBFGSOptions } from "./lbfgs.js";
export { SDLM, type SDLMOptions } from "./sdlm.js";
export { VSGD, type VSGDOptions } from "./vsgd.js";
export { CurvatureOptimizer } from "./curvature-optimizer.js";
export { clipGradNorm, clipGradValue, type ClipGradNormOptions } from "./clip.js";
export { l1Penalty, l2Penalty } from "./penalty.js";
export type { Tensors } from "./params.js";
export { lrMultipliers, type LrGroup } from "./multipliers.js";
export { LRScheduler, type Schedule, type SchedulerStateDict } from "./scheduler.js";
export {
  CosineAnnealingLR,
  ExponentialLR,
  InverseTimeLR,
  LambdaLR,
  LinearWarmup,
  MultiStepLR,
  StepLR,
  type LinearWarmupOptions,
} from "./schedulers.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions, type ReduceLROnPlateauStateDict } from "./plateau.js";
