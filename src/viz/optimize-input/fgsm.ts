/** Adversarial examples: the fast gradient sign method (Goodfellow et al. 2015) and its iterative form (Kurakin et al. 2016). */
import { enableGrad, grad, noGrad } from "../../autograd/index.js";
import { crossEntropy } from "../../nn/functional/index.js";
import { add, argmax, clamp, maximum, minimum, mul, sign, sub } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";
import { checkClassIndex, classScores, type Classifier } from "../class-scores.js";

export interface FgsmOptions {
  /** The largest change allowed to any input value (an L∞ ball), in the model's input units. */
  epsilon: number;
  /** The smallest valid input value, in the model's input units (e.g. (0 − mean)/std). Default −∞. */
  clampMin?: number;
  /** The largest valid input value, in the model's input units (e.g. (1 − mean)/std). Default +∞. */
  clampMax?: number;
}

export interface IterativeFgsmOptions extends FgsmOptions {
  /** Gradient-sign steps. Default 10. */
  steps?: number;
  /** Size of each step. Default 2.5·epsilon/steps, so a path of steps can reach the ball's edge and move along it. */
  stepSize?: number;
}

export interface AdversarialResult {
  /** The perturbed inputs, shaped as the inputs, within epsilon of them and inside [clampMin, clampMax]. */
  adversarial: Tensor;
  /** int32 [N]: the model's class for each adversarial input. */
  predictions: Tensor;
  /** Per sample: the model classified the clean input correctly. */
  wasCorrect: boolean[];
  /** Per sample: the model was right on the clean input and is wrong on the adversarial one. */
  flipped: boolean[];
}

/**
 * One step of size epsilon along the sign of the loss gradient: x + ε·sign(∇ₓ crossEntropy), then
 * clamped to the valid range. inputs [N, …] are a batch; labels are int32 [N] class indices.
 */
export function fgsm(model: Classifier, inputs: Tensor, labels: Tensor, options: FgsmOptions): AdversarialResult {
  const fn = "fgsm";
  const { epsilon, clampMin = -Infinity, clampMax = Infinity } = options;
  checkAttack(fn, inputs, labels, epsilon, clampMin, clampMax);
  const { direction, predictions } = lossAscent(fn, model, inputs, labels);
  const adversarial = noGrad(() => clamp(add(inputs, mul(direction, epsilon)), clampMin, clampMax));
  return outcome(fn, model, adversarial, labels, predictions);
}

/**
 * The basic iterative method: `steps` gradient-sign steps of `stepSize`, each followed by a clip
 * back into the epsilon ball around the inputs and the valid range.
 */
export function iterativeFgsm(model: Classifier, inputs: Tensor, labels: Tensor, options: IterativeFgsmOptions): AdversarialResult {
  const fn = "iterativeFgsm";
  const { epsilon, clampMin = -Infinity, clampMax = Infinity, steps = 10 } = options;
  checkAttack(fn, inputs, labels, epsilon, clampMin, clampMax);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${fn}: steps must be a positive integer, got ${steps}`);
  const stepSize = options.stepSize ?? (2.5 * epsilon) / steps;
  if (!(stepSize > 0 && Number.isFinite(stepSize))) throw new RangeError(`${fn}: stepSize must be a positive number, got ${stepSize}`);
  const [low, high] = noGrad(() => [sub(inputs, epsilon), add(inputs, epsilon)]);
  let adversarial = inputs;
  let cleanPredictions: Tensor | null = null;
  for (let step = 0; step < steps; step++) {
    const { direction, predictions } = lossAscent(fn, model, adversarial, labels);
    cleanPredictions ??= predictions;
    adversarial = noGrad(() => clamp(minimum(maximum(add(adversarial, mul(direction, stepSize)), low), high), clampMin, clampMax));
  }
  return outcome(fn, model, adversarial, labels, cleanPredictions!);
}

function checkAttack(fn: string, inputs: Tensor, labels: Tensor, epsilon: number, clampMin: number, clampMax: number): void {
  if (inputs.ndim < 2) throw new ShapeError(`${fn}: inputs must be a batch [N, …], got shape ${fmtShape(inputs.shape)}`);
  if (labels.dtype !== "int32" || labels.ndim !== 1 || labels.shape[0] !== inputs.shape[0]) {
    throw new ShapeError(`${fn}: labels must be int32 [${inputs.shape[0]}] (one class per input), got ${labels.dtype} ${fmtShape(labels.shape)}`);
  }
  if (!(epsilon >= 0 && Number.isFinite(epsilon))) throw new RangeError(`${fn}: epsilon must be a finite number ≥ 0 (in the model's input units), got ${epsilon}`);
  if (!(clampMin < clampMax)) throw new RangeError(`${fn}: clampMin (${clampMin}) must be below clampMax (${clampMax})`);
}

/** sign(∇ₓ loss) for the batch, and the model's classes for it (int32 [N]). */
function lossAscent(fn: string, model: Classifier, inputs: Tensor, labels: Tensor): { direction: Tensor; predictions: Tensor } {
  const x = inputs.detach().requiresGrad_();
  return enableGrad(() => {
    const scores = classScores(fn, model, x);
    labels.values.forEach((c, i) => checkClassIndex(fn, `labels[${i}]`, c, scores.shape[1]));
    const [g] = grad(crossEntropy(scores, labels, { reduction: "sum" }), [x]);
    return { direction: sign(g), predictions: argmax(scores.detach(), 1) };
  });
}

function outcome(fn: string, model: Classifier, adversarial: Tensor, labels: Tensor, cleanPredictions: Tensor): AdversarialResult {
  const predictions = noGrad(() => argmax(classScores(fn, model, adversarial), 1));
  const wasCorrect = Array.from(labels.values, (c, i) => cleanPredictions.values[i] === c);
  const flipped = wasCorrect.map((right, i) => right && predictions.values[i] !== labels.values[i]);
  return { adversarial, predictions, wasCorrect, flipped };
}
