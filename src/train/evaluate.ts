/** Evaluation of a classifier over a data loader: mean loss, top-1/top-k accuracy, confusion matrix. */
import { noGrad, type Tensor } from "../index.js";
import { ConfusionMatrix, topKCorrect } from "./metrics.js";
import type { Batch, Classifier, LossFn } from "./types.js";

export interface EvaluateOptions {
  loss?: LossFn;
  /** Also count top-k accuracy for this k (e.g. 5). */
  topK?: number;
  /** Fill a confusion matrix with this many classes. */
  numClasses?: number;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
  topK?: number;
  samples: number;
  confusion?: ConfusionMatrix;
}

/** Run the model in eval mode without a graph over every batch; restores the previous mode. */
export function evaluate(model: Classifier, batches: Iterable<Batch>, options: EvaluateOptions = {}): Evaluation {
  const wasTraining = model.training;
  model.eval();
  let lossSum = 0;
  let correct = 0;
  let topKHits = 0;
  let samples = 0;
  const confusion = options.numClasses ? new ConfusionMatrix(options.numClasses) : undefined;
  try {
    noGrad(() => {
      for (const { x, y } of batches) {
        const scores: Tensor = model.forward(x);
        const n = y.shape[0];
        if (options.loss) lossSum += options.loss(scores, y).itemSync() * n;
        correct += topKCorrect(scores, y, 1);
        if (options.topK) topKHits += topKCorrect(scores, y, options.topK);
        confusion?.update(scores, y);
        samples += n;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  return {
    loss: samples ? lossSum / samples : NaN,
    accuracy: samples ? correct / samples : 0,
    topK: options.topK ? (samples ? topKHits / samples : 0) : undefined,
    samples,
    confusion,
  };
}
