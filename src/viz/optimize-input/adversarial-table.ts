/** How often fast gradient sign attacks, one-step and iterative, flip a classifier's answers at each epsilon. */
import type { Tensor } from "../../tensor/index.js";
import type { Classifier } from "../class-scores.js";
import { fgsm, iterativeFgsm, type AdversarialResult, type IterativeFgsmOptions } from "./fgsm.js";

export interface AdversarialRow {
  /** The attack's size, in the model's input units. */
  epsilon: number;
  /** Share of the correctly classified inputs whose class one FGSM step changed. */
  fgsmSuccess: number;
  /** The same share for iterative FGSM. */
  iterativeSuccess: number;
  /** How many inputs were classified correctly to begin with (the shares' denominator). */
  correct: number;
}

export type AdversarialTableOptions = Omit<IterativeFgsmOptions, "epsilon" | "stepSize">;

/**
 * One row per epsilon: the success rate of fgsm and of iterativeFgsm (default 10 steps of
 * 2.5·ε/steps) over the inputs the model gets right. Inputs it gets wrong do not count.
 */
export function adversarialTable(model: Classifier, inputs: Tensor, labels: Tensor, epsilons: readonly number[], options: AdversarialTableOptions = {}): AdversarialRow[] {
  if (epsilons.length === 0) throw new RangeError("adversarialTable: epsilons must list at least one attack size");
  return epsilons.map((epsilon) => {
    const oneStep = fgsm(model, inputs, labels, { ...options, epsilon });
    const iterative = iterativeFgsm(model, inputs, labels, { ...options, epsilon });
    const correct = oneStep.wasCorrect.filter(Boolean).length;
    if (correct === 0) throw new RangeError(`adversarialTable: the model gets none of the ${labels.size} inputs right, so no attack can flip an answer`);
    return { epsilon, fgsmSuccess: successRate(oneStep, correct), iterativeSuccess: successRate(iterative, correct), correct };
  });
}

const successRate = (result: AdversarialResult, correct: number) => result.flipped.filter(Boolean).length / correct;
