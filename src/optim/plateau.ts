/** Reduce the learning rate when a watched metric stops improving. */
import type { Optimizer } from "./optimizer.js";
import { checkChoice, checkInteger, checkNumber } from "./validate.js";

export interface ReduceLROnPlateauOptions {
  /** "min": lower is better (a loss); "max": higher is better (an accuracy). Default "min". */
  mode?: "min" | "max";
  /** Multiply lr by this on a plateau; below 1. Default 0.1. */
  factor?: number;
  /** Steps without improvement tolerated before reducing. Default 10. */
  patience?: number;
  /** How much better than the best a metric must be to count as an improvement. Default 1e-4. */
  threshold?: number;
  /** "rel": better by a fraction threshold of the best; "abs": by threshold. Default "rel". */
  thresholdMode?: "rel" | "abs";
  /** Steps to wait after a reduction before counting bad steps again. Default 0. */
  cooldown?: number;
  /** Lower bound on lr: one for all groups or one per group. Default 0. */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is not applied. Default 1e-8. */
  eps?: number;
}

/** What ReduceLROnPlateau saves; best is null until a metric has been seen (keeps it JSON-safe). */
export interface ReduceLROnPlateauStateDict {
  lastEpoch: number;
  best: number | null;
  numBadEpochs: number;
  cooldownCounter: number;
}

/**
 * Watches a metric passed to step(metric) and, after more than `patience` steps without
 * improvement, multiplies every group's current lr by factor (not below minLr), as PyTorch's
 * ReduceLROnPlateau.
 */
export class ReduceLROnPlateau {
  readonly optimizer: Optimizer;
  /** How many times step() has been called. */
  lastEpoch = 0;
  /** The best metric so far (±Infinity before the first). */
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private readonly mode: "min" | "max";
  private readonly factor: number;
  private readonly patience: number;
  private readonly threshold: number;
  private readonly thresholdMode: "rel" | "abs";
  private readonly cooldown: number;
  private readonly minLrs: number[];
  private readonly eps: number;
  private lastLr: number[];

  constructor(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}) {
    const name = "ReduceLROnPlateau";
    const { mode = "min", factor = 0.1, patience = 10, threshold = 1e-4, thresholdMode = "rel", cooldown = 0, minLr = 0, eps = 1e-8 } = options;
    this.optimizer = optimizer;
    this.mode = checkChoice(name, "mode", mode, ["min", "max"]);
    this.factor = checkNumber(name, "factor", factor, { min: 0, max: 1, maxInclusive: false });
    this.patience = checkInteger(name, "patience", patience, 0);
    this.threshold = checkNumber(name, "threshold", threshold, { min: 0 });
    this.thresholdMode = checkChoice(name, "thresholdMode", thresholdMode, ["rel", "abs"]);
    this.cooldown = checkInteger(name, "cooldown", cooldown, 0);
    this.eps = checkNumber(name, "eps", eps, { min: 0 });
    const groups = optimizer.paramGroups.length;
    if (Array.isArray(minLr) && minLr.length !== groups) {
      throw new RangeError(`${name}: minLr has ${minLr.length} values but the optimiser has ${groups} parameter groups`);
    }
    this.minLrs = Array.isArray(minLr) ? [...minLr] : Array(groups).fill(minLr);
    this.minLrs.forEach((m, i) => checkNumber(name, Array.isArray(minLr) ? `minLr[${i}]` : "minLr", m, { min: 0 }));
    this.best = this.worst;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  private get worst(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  private isBetter(metric: number): boolean {
    const { best, threshold } = this;
    if (this.thresholdMode === "rel") return this.mode === "min" ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
    return this.mode === "min" ? metric < best - threshold : metric > best + threshold;
  }

  /** Record this step's metric (e.g. the validation loss) and reduce lr if it has plateaued. */
  step(metric: number): void {
    if (typeof metric !== "number" || Number.isNaN(metric)) {
      throw new TypeError(`ReduceLROnPlateau.step: the metric must be a number, got ${String(metric)}`);
    }
    this.lastEpoch++;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0; // bad steps during cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.reduce();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  private reduce(): void {
    this.optimizer.paramGroups.forEach((group, i) => {
      const reduced = Math.max(group.lr * this.factor, this.minLrs[i]);
      if (group.lr - reduced > this.eps) group.lr = reduced;
    });
  }

  /** The learning rate of each group after the last step(). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): ReduceLROnPlateauStateDict {
    const { lastEpoch, numBadEpochs, cooldownCounter } = this;
    return { lastEpoch, best: Number.isFinite(this.best) ? this.best : null, numBadEpochs, cooldownCounter };
  }

  /** Resume the counters and best metric; the lrs themselves come back with the optimiser's state dict. */
  loadStateDict(stateDict: ReduceLROnPlateauStateDict): void {
    const where = "ReduceLROnPlateau.loadStateDict";
    const lastEpoch = checkInteger(where, "lastEpoch", stateDict?.lastEpoch, 0);
    const numBadEpochs = checkInteger(where, "numBadEpochs", stateDict.numBadEpochs, 0);
    const cooldownCounter = checkInteger(where, "cooldownCounter", stateDict.cooldownCounter, 0);
    const best = stateDict.best === null ? this.worst : checkNumber(where, "best", stateDict.best);
    Object.assign(this, { lastEpoch, numBadEpochs, cooldownCounter, best });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
