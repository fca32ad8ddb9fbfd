/**
 * The learning-rate scheduler base: a closed-form schedule lr(initialLr, t) applied to every
 * parameter group after each step(). Since each group's lr is computed from its own initialLr,
 * groups keep their proportions (per-layer multipliers survive scheduling).
 */
import type { Optimizer } from "./optimizer.js";
import { checkInteger } from "./validate.js";

/** The learning rate after t calls of step(), for a group that started at initialLr. */
export type Schedule = (initialLr: number, t: number) => number;

/** What a scheduler saves: how many times step() has been called. Plain numbers, JSON-safe. */
export interface SchedulerStateDict {
  lastEpoch: number;
}

/**
 * Sets every group's lr from a closed-form schedule after each step(). The named schedulers
 * (StepLR, CosineAnnealingLR, …) are subclasses; for a one-off schedule pass the function directly:
 * new LRScheduler(opt, (lr, t) => lr * 0.5 ** Math.floor(t / 30)).
 */
export class LRScheduler {
  readonly optimizer: Optimizer;
  /** How many times step() has been called (PyTorch's last_epoch); t in the schedule. */
  lastEpoch = 0;
  private readonly schedule: Schedule;
  private lastLr: number[] = [];

  /** Sets every group's lr to the schedule's value at t = 0. */
  constructor(optimizer: Optimizer, schedule: Schedule) {
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.apply();
  }

  /** The scheduler's name, used in error messages. */
  get name(): string {
    return this.constructor.name;
  }

  /** The schedule's learning rate at step t for a group that started at initialLr. */
  lrAt(initialLr: number, t: number): number {
    return this.schedule(initialLr, t);
  }

  /** Advance one step (call it after optimizer.step(), once per epoch or per batch as you choose). */
  step(): void {
    this.lastEpoch++;
    this.apply();
  }

  /** The learning rate of each group as this scheduler last set it. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerStateDict {
    return { lastEpoch: this.lastEpoch };
  }

  /** Resume at the saved step; every group's lr is set to the schedule's value there. */
  loadStateDict(stateDict: SchedulerStateDict): void {
    this.lastEpoch = checkInteger(`${this.name}.loadStateDict`, "lastEpoch", stateDict?.lastEpoch, 0);
    this.apply();
  }

  private apply(): void {
    for (const group of this.optimizer.paramGroups) group.lr = this.schedule(group.initialLr, this.lastEpoch);
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
