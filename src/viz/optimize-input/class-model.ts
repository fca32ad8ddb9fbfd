/** Class-model visualisation (Simonyan et al. 2013): the input a classifier scores highest for a class, found by gradient ascent. */
import { enableGrad, grad, noGrad } from "../../autograd/index.js";
import { add, clamp, concat, mul, narrow, reshape, select, softmax, square, sub, sum } from "../../ops/index.js";
import { fmtShape, Generator, ShapeError, Tensor } from "../../tensor/index.js";
import { checkClassIndex, classScores, type Classifier } from "../class-scores.js";
import { gaussianBlur } from "./gaussian-blur.js";

export interface ClassModelOptions {
  /** The shape of one input, [C, H, W]. */
  inputShape: readonly number[];
  /** Gradient-ascent steps. Default 200. */
  steps?: number;
  /** Step size on the gradient of the objective. Default 10. */
  lr?: number;
  /** λ of the L2 decay: the objective is score − λ‖image‖². Default 0.001. */
  l2?: number;
  /** Before each step, the image is rolled by up to this many pixels each way (0: never). Default 1. */
  jitter?: number;
  /** Blur the image every this many steps (0: never). Default 10. */
  blurEvery?: number;
  /** The blur's standard deviation, pixels. Default 0.5. */
  blurSigma?: number;
  /** The smallest valid input value, in the model's input units. Default −∞. */
  clampMin?: number;
  /** The largest valid input value, in the model's input units. Default +∞. */
  clampMax?: number;
  /** Seeds the jitter's shifts. Default 0. */
  seed?: number;
}

export interface ClassModel {
  /** [C, H, W], in the model's input units. */
  image: Tensor;
  /** The model's softmax probability of the target class for the image. */
  probability: number;
}

/**
 * The image maximising the target class's unnormalised score minus λ‖image‖², from faint seeded
 * noise about the zero image (the mean, for normalised inputs), by plain gradient ascent. Not from
 * the zero image itself: there every first-layer ReLU can be off, and then no gradient flows (it
 * happened on a LeNet-5 whose first-layer biases are all negative). Two regularisers from later work
 * (Yosinski et al. 2015) keep it legible: a random shift (jitter) before each step, and a Gaussian
 * blur every few steps. Values are kept inside [clampMin, clampMax]. The defaults were chosen on
 * a trained LeNet-5 with MNIST's normalisation, where every digit reaches probability ≥ 0.99 (lr 1,
 * l2 0.01 and a blur every 4 steps left some near 0.85); other models and scales may want others.
 */
/** Standard deviation of the starting noise, in input units. */
const START_NOISE = 0.1;

export function classModel(model: Classifier, targetClass: number, options: ClassModelOptions): ClassModel {
  const fn = "classModel";
  const { inputShape, steps = 200, lr = 10, l2 = 0.001, jitter = 1, blurEvery = 10, blurSigma = 0.5, clampMin = -Infinity, clampMax = Infinity, seed = 0 } = options;
  if (inputShape?.length !== 3 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ShapeError(`${fn}: inputShape must be the [C, H, W] of one image, got ${inputShape ? fmtShape(inputShape) : inputShape}`);
  }
  for (const [name, value] of Object.entries({ steps, jitter, blurEvery })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${value}`);
  }
  for (const [name, value] of Object.entries({ lr, l2 })) {
    if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`${fn}: ${name} must be a finite number ≥ 0, got ${value}`);
  }
  if (!(blurSigma > 0 && Number.isFinite(blurSigma))) throw new RangeError(`${fn}: blurSigma must be a positive number of pixels, got ${blurSigma}`);
  if (!(clampMin < clampMax)) throw new RangeError(`${fn}: clampMin (${clampMin}) must be below clampMax (${clampMax})`);
  const random = new Generator(seed);
  const shift = () => random.int(2 * jitter + 1) - jitter;
  const size = inputShape.reduce((a, b) => a * b, 1);
  const start = new Tensor(Float32Array.from({ length: size }, () => START_NOISE * random.normal()), [1, ...inputShape]);
  let image = clamp(start, clampMin, clampMax);
  checkClassIndex(fn, "targetClass", targetClass, noGrad(() => classScores(fn, model, image)).shape[1]);
  for (let step = 1; step <= steps; step++) {
    const x = image.detach().requiresGrad_();
    // the roll is part of the graph, so the gradient lands back on the unshifted image
    const [g] = enableGrad(() => {
      const score = select(classScores(fn, model, roll(roll(x, 2, shift()), 3, shift())), 1, targetClass);
      return grad(sub(sum(score), mul(sum(square(x)), l2)), [x]);
    });
    image = noGrad(() => {
      const stepped = add(x.detach(), mul(g, lr));
      return clamp(blurEvery > 0 && step % blurEvery === 0 ? gaussianBlur(stepped, blurSigma) : stepped, clampMin, clampMax);
    });
  }
  const probability = noGrad(() => softmax(classScores(fn, model, image), 1).values[targetClass]);
  return { image: reshape(image, inputShape), probability };
}

/** x shifted by `by` positions along `axis`, wrapping around (numpy's roll). */
function roll(x: Tensor, axis: number, by: number): Tensor {
  const n = x.shape[axis];
  const k = ((by % n) + n) % n;
  return k === 0 ? x : concat([narrow(x, axis, n - k, k), narrow(x, axis, 0, n - k)], axis);
}
