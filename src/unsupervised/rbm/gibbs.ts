/** Block Gibbs sampling in an RBM: alternate h ~ p(h | v) and v ~ p(v | h), a whole batch of chains at once. */
import { noGrad } from "../../autograd/index.js";
import { nextTurn } from "../../backend/turn.js";
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";
import type { RBM } from "./rbm.js";

/** v after `steps` full Gibbs steps that start from the hidden state h: v ~ p(v|h), then (h ~ p(h|v), v ~ p(v|h)) × (steps − 1). */
export function gibbsFromHidden(rbm: RBM, hidden: Tensor, steps: number, generator: Generator = defaultGenerator): Tensor {
  let visible = rbm.sampleVisible(hidden, generator);
  for (let step = 1; step < steps; step++) visible = rbm.sampleVisible(rbm.sampleHidden(visible, generator), generator);
  return visible;
}

export interface GibbsSampleOptions {
  /** Full Gibbs steps (v → h → v) to run (default 1000). */
  steps?: number;
  generator?: Generator;
}

/**
 * Samples of the model: chains started at `start` ([N, visible], e.g. test digits or noise), run
 * `steps` Gibbs steps, and returned as the visible means E[v | h] of the last step, which show
 * the samples without the speckle of the final Bernoulli draw.
 */
export async function gibbsSample(rbm: RBM, start: Tensor, { steps = 1000, generator = defaultGenerator }: GibbsSampleOptions = {}): Promise<Tensor> {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`gibbsSample: steps must be a positive integer, got ${steps}`);
  let visible = start;
  for (let step = 1; step < steps; step++) {
    visible = noGrad(() => rbm.sampleVisible(rbm.sampleHidden(visible, generator), generator));
    await nextTurn();
  }
  return noGrad(() => rbm.visibleMean(rbm.sampleHidden(visible, generator)));
}
