/** Options every classifier in the zoo takes, and their checks. */

export interface ClassifierOptions {
  /** Size of the output layer. Default: the dataset the model was designed for (10 for LeNet-5, 1000 for ImageNet models). */
  numClasses?: number;
}

/** numClasses, checked: a positive integer. */
export function checkNumClasses(model: string, numClasses: number): number {
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`${model}: numClasses must be a positive integer, got ${numClasses}`);
  return numClasses;
}

/** A dropout probability, checked to lie in [0, 1]. */
export function checkDropout(model: string, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${model}: dropout must be a probability in [0, 1], got ${p}`);
  return p;
}
