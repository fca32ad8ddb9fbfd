/** The closed-form learning-rate schedules. Each lr is a function of the group's initialLr and the step t. */
import type { Optimizer } from "./optimizer.js";
import { LRScheduler } from "./scheduler.js";
import { checkInteger, checkNumber } from "./validate.js";

/** lr = initialLr × gamma^⌊t / stepSize⌋: decay by gamma every stepSize steps. */
export class StepLR extends LRScheduler {
  constructor(optimizer: Optimizer, { stepSize, gamma = 0.1 }: { stepSize: number; gamma?: number }) {
    checkInteger("StepLR", "stepSize", stepSize, 1);
    checkNumber("StepLR", "gamma", gamma, { min: 0 });
    super(optimizer, (lr, t) => lr * gamma ** Math.floor(t / stepSize));
  }
}

/** lr = initialLr × gamma^(number of milestones ≤ t): decay by gamma at each milestone step. */
export class MultiStepLR extends LRScheduler {
  constructor(optimizer: Optimizer, { milestones, gamma = 0.1 }: { milestones: readonly number[]; gamma?: number }) {
    if (!Array.isArray(milestones)) throw new TypeError(`MultiStepLR: milestones must be an array of step numbers, got ${typeof milestones}`);
    milestones.forEach((m, i) => checkInteger("MultiStepLR", `milestones[${i}]`, m, 0));
    checkNumber("MultiStepLR", "gamma", gamma, { min: 0 });
    const steps = [...milestones];
    super(optimizer, (lr, t) => lr * gamma ** steps.filter((m) => m <= t).length);
  }
}

/** lr = initialLr × gamma^t. */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: Optimizer, { gamma }: { gamma: number }) {
    checkNumber("ExponentialLR", "gamma", gamma, { min: 0 });
    super(optimizer, (lr, t) => lr * gamma ** t);
  }
}

/**
 * lr = initialLr / max(1, t/T): constant for the first T steps, then decaying as 1/t — the
 * "search then converge" annealing of the lectures (η_t = η / max(1, t/T)).
 */
export class InverseTimeLR extends LRScheduler {
  constructor(optimizer: Optimizer, { T }: { T: number }) {
    checkNumber("InverseTimeLR", "T", T, { min: 0, minInclusive: false });
    super(optimizer, (lr, t) => lr / Math.max(1, t / T));
  }
}

/**
 * lr = etaMin + (initialLr − etaMin)·(1 + cos(π·t/tMax))/2: half a cosine from initialLr down to
 * etaMin over tMax steps (PyTorch's closed form; past tMax it rises again along the cosine).
 */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer, { tMax, etaMin = 0 }: { tMax: number; etaMin?: number }) {
    checkInteger("CosineAnnealingLR", "tMax", tMax, 1);
    checkNumber("CosineAnnealingLR", "etaMin", etaMin, { min: 0 });
    super(optimizer, (lr, t) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2);
  }
}

/** lr = initialLr × lrLambda(t), for any schedule given as a function of the step. */
export class LambdaLR extends LRScheduler {
  constructor(optimizer: Optimizer, { lrLambda }: { lrLambda: (t: number) => number }) {
    if (typeof lrLambda !== "function") throw new TypeError(`LambdaLR: lrLambda must be a function of the step, got ${typeof lrLambda}`);
    super(optimizer, (lr, t) => lr * lrLambda(t));
  }
}

export interface LinearWarmupOptions {
  /** Steps over which the factor climbs from startFactor to 1. */
  warmupSteps: number;
  /** The factor at step 0, in [0, 1]. Default 1/3 (as PyTorch's LinearLR). */
  startFactor?: number;
  /** A schedule to follow once warm-up ends; it runs from its own step 0 at step warmupSteps. */
  after?: LRScheduler;
}

/**
 * Linear warm-up: lr = initialLr × (startFactor + (1 − startFactor)·t/warmupSteps) for
 * t < warmupSteps, then the `after` schedule shifted to start there (or initialLr if none).
 * Equivalent to PyTorch's LinearLR, or SequentialLR([LinearLR, after], [warmupSteps]).
 */
export class LinearWarmup extends LRScheduler {
  constructor(optimizer: Optimizer, { warmupSteps, startFactor = 1 / 3, after }: LinearWarmupOptions) {
    checkInteger("LinearWarmup", "warmupSteps", warmupSteps, 1);
    checkNumber("LinearWarmup", "startFactor", startFactor, { min: 0, max: 1 });
    if (after !== undefined && !(after instanceof LRScheduler)) {
      throw new TypeError("LinearWarmup: after must be a closed-form scheduler such as CosineAnnealingLR (ReduceLROnPlateau cannot follow a warm-up)");
    }
    if (after && after.optimizer !== optimizer) throw new Error("LinearWarmup: the `after` scheduler belongs to a different optimiser");
    super(optimizer, (lr, t) => {
      if (t < warmupSteps) return lr * (startFactor + ((1 - startFactor) * t) / warmupSteps);
      return after ? after.lrAt(lr, t - warmupSteps) : lr;
    });
  }
}
