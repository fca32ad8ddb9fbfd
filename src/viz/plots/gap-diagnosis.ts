/**
 * Reading a run's train–validation gap as the lectures teach (CS231n, "babysitting the learning
 * process"): a big gap is overfitting, no gap is a model too small, in between is fine.
 */
import { numberAt, stepOf, type LogRecord } from "./log-records.js";

export type GapVerdict = "overfitting" | "underfitting" | "healthy";

export interface GapDiagnosis {
  run: string;
  /** The last epoch with both accuracies, where the gap is read. */
  epoch: number;
  trainAccuracy: number;
  valAccuracy: number;
  /** trainAccuracy − valAccuracy, as a fraction (0.05 is 5 accuracy points). */
  gap: number;
  verdict: GapVerdict;
  advice: string;
  /** The epoch of the lowest validation loss, when it has risen for VAL_LOSS_RISE_EPOCHS or more since; else null. */
  valLossRisingSince: number | null;
}

/**
 * A gap of 5 accuracy points or more at the last epoch is overfitting. It is well beyond the noise
 * of a validation estimate (on 1,000 samples at 90% the standard error is about 1 point), and it
 * is where regularisation usually starts paying: a LeNet-5 on MNIST ends about 0.5 point apart, a
 * small convnet overfitting CIFAR-10 15–25 points apart.
 */
export const OVERFITTING_GAP = 0.05;

/**
 * Within 1 point the accuracies agree to within that noise: "no gap", which means the model could
 * fit more than it does, so capacity is the limit (underfitting)…
 */
export const NO_GAP = 0.01;

/**
 * …unless training accuracy is 99% or more: then there is nothing left to fit, and no gap means
 * the model fits and generalises (a LeNet-5 on MNIST), which is healthy, not underfitting.
 */
export const NEAR_PERFECT_TRAIN_ACCURACY = 0.99;

/**
 * Validation loss above its minimum for two or more epochs is flagged as overfitting starting: one
 * epoch up is often noise, two in a row is the usual patience before early stopping.
 */
export const VAL_LOSS_RISE_EPOCHS = 2;

/** Which record fields hold what (the defaults are fit()'s log fields). */
export interface GapKeys {
  epoch?: string;
  trainAccuracy?: string;
  valAccuracy?: string;
  valLoss?: string;
}

const DEFAULT_KEYS: Required<GapKeys> = { epoch: "epoch", trainAccuracy: "trainAccuracy", valAccuracy: "valAccuracy", valLoss: "valLoss" };

/** The verdict on one run from its log records; null when no record has both accuracies. */
export function diagnoseGap(run: string, records: readonly LogRecord[], keys: GapKeys = {}): GapDiagnosis | null {
  const k = { ...DEFAULT_KEYS, ...keys };
  let last = records.length - 1;
  while (last >= 0 && (numberAt(records[last], k.trainAccuracy) === null || numberAt(records[last], k.valAccuracy) === null)) last--;
  if (last < 0) return null;
  const trainAccuracy = numberAt(records[last], k.trainAccuracy) as number;
  const valAccuracy = numberAt(records[last], k.valAccuracy) as number;
  for (const [key, value] of [[k.trainAccuracy, trainAccuracy], [k.valAccuracy, valAccuracy]] as const) {
    if (value < 0 || value > 1) throw new RangeError(`diagnoseGap: run "${run}" has ${key} = ${value}; accuracies are expected as fractions between 0 and 1`);
  }
  const gap = trainAccuracy - valAccuracy;
  const valLossRisingSince = lowestBeforeRise(records, k);
  const verdict: GapVerdict =
    gap >= OVERFITTING_GAP || valLossRisingSince !== null
      ? "overfitting"
      : gap <= NO_GAP && trainAccuracy < NEAR_PERFECT_TRAIN_ACCURACY
        ? "underfitting"
        : "healthy";
  return { run, epoch: stepOf(records[last], last, k.epoch), trainAccuracy, valAccuracy, gap, verdict, advice: advise(verdict, gap, valLossRisingSince), valLossRisingSince };
}

/** The epoch of the lowest validation loss if the loss stayed above it for VAL_LOSS_RISE_EPOCHS epochs since. */
function lowestBeforeRise(records: readonly LogRecord[], k: Required<GapKeys>): number | null {
  let best = -1;
  let bestLoss = Infinity;
  let since = 0;
  records.forEach((r, i) => {
    const loss = numberAt(r, k.valLoss);
    if (loss === null) return;
    // `<=`: of equal minima the latest counts, so a flat stretch is not read as rising.
    if (loss <= bestLoss) [best, bestLoss, since] = [i, loss, 0];
    else since++;
  });
  return since >= VAL_LOSS_RISE_EPOCHS ? stepOf(records[best], best, k.epoch) : null;
}

function advise(verdict: GapVerdict, gap: number, risingSince: number | null): string {
  const points = `${(gap * 100).toFixed(1)} points`;
  const rising = risingSince === null ? "" : `; validation loss lowest at epoch ${risingSince} and rising since`;
  switch (verdict) {
    case "overfitting":
      return `gap of ${points}${rising}: regularise more (weight decay, dropout, augmentation), get more data, or stop earlier`;
    case "underfitting":
      return `gap of ${points}: the model fits no better than it generalises; give it more capacity (wider or deeper), or train longer`;
    case "healthy":
      return `gap of ${points}: fitting and generalising in balance`;
  }
}
