/** A browser has no terminal to draw a progress bar on: pages follow training through fit()'s onBatchEnd. */
import type { EpochProgress } from "../node/progress.js";

export type { EpochProgress };

export function epochProgress(): EpochProgress {
  return { update() {}, stop() {} };
}
