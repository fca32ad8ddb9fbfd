/**
 * Shape inference for summary(): the output shape of a module for an input shape, found without
 * running the network's arithmetic wherever the module (or a rule here) knows it.
 *
 * A layer takes part by offering `outputShape(inputShape)` (conv and pooling layers do). A layer
 * made of sub-layers (an Inception module, a residual block) offers `outputShape(inputShape,
 * through)` and sends each sub-layer's shape through `through(child, shape)`, so summary() can
 * record a row for every sub-layer on the way. Layers that do not take part (Linear, Flatten,
 * Sequential and the shape-preserving activations) are covered by rules here; anything else is run
 * once on zeros, without gradients and in evaluation mode, to read its output shape.
 */
import { noGrad } from "../autograd/index.js";
import { zeros } from "../ops/index.js";
import { fmtShape, normAxis, ShapeError, sizeOf } from "../tensor/index.js";
import { Abs, ELU, LeakyReLU, LogSoftmax, PReLU, ReLU, Sigmoid, Softmax, Softplus, Softshrink, Tanh } from "./activations.js";
import { Dropout, Flatten, Identity } from "./basic-layers.js";
import { BatchNorm1d, BatchNorm2d, BatchNorm3d } from "./batchnorm.js";
import { Dropout2d } from "./dropout2d.js";
import { withEvalMode } from "./eval-mode.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";
import { DivisiveNorm, LocalContrastNorm, LocalResponseNorm } from "./normalization.js";
import { WindowPool } from "./pool.js";
import { AdaptivePool } from "./pool-adaptive.js";
import { Sequential } from "./sequential.js";

/** Carries a shape through a sub-layer and returns the sub-layer's output shape. */
export type ShapeTracer = (child: Module, inputShape: readonly number[]) => number[];

/** What a module may offer so that its shapes are known without running it. */
export interface ShapeAware {
  /**
   * The output shape for an input of this shape (batch first). A module built from sub-layers
   * passes their shapes through `through` (default: outputShapeOf) instead of computing them itself.
   */
  outputShape(inputShape: readonly number[], through?: ShapeTracer): number[];
  /** Why this input does not tile exactly under the layer's window, or null when it does. */
  tilingProblem?(inputShape: readonly number[]): string | null;
  /** Multiply-adds of one forward pass over an input of this shape. */
  multiplyAdds?(inputShape: readonly number[]): number;
}

export function isShapeAware(m: Module): m is Module & ShapeAware {
  return typeof (m as Partial<ShapeAware>).outputShape === "function";
}

/** Layers whose output has the shape of their input. */
const shapePreserving = [
  Abs, ELU, LeakyReLU, LogSoftmax, PReLU, ReLU, Sigmoid, Softmax, Softplus, Softshrink, Tanh,
  Dropout, Dropout2d, Identity, DivisiveNorm, LocalContrastNorm, LocalResponseNorm,
];

const isBatchNorm = (m: Module): m is BatchNorm1d | BatchNorm2d | BatchNorm3d =>
  m instanceof BatchNorm1d || m instanceof BatchNorm2d || m instanceof BatchNorm3d;

function batchNormShape(layer: BatchNorm1d | BatchNorm2d | BatchNorm3d, inputShape: readonly number[]): number[] {
  if (inputShape[1] !== layer.numFeatures) {
    throw new ShapeError(`${layer.constructor.name}: expected ${layer.numFeatures} channels (axis 1), got an input of shape ${fmtShape(inputShape)}`);
  }
  return [...inputShape];
}

function linearShape(layer: Linear, inputShape: readonly number[]): number[] {
  if (inputShape.length === 0 || inputShape[inputShape.length - 1] !== layer.inFeatures) {
    throw new ShapeError(`Linear: input of shape ${fmtShape(inputShape)} must end in inFeatures = ${layer.inFeatures}`);
  }
  return [...inputShape.slice(0, -1), layer.outFeatures];
}

function flattenShape(layer: Flatten, inputShape: readonly number[]): number[] {
  if (inputShape.length === 0) return [1];
  const start = normAxis("Flatten", layer.startDim, inputShape.length);
  const end = normAxis("Flatten", layer.endDim, inputShape.length);
  if (start > end) throw new ShapeError(`Flatten: startDim ${layer.startDim} comes after endDim ${layer.endDim} for shape ${fmtShape(inputShape)}`);
  return [...inputShape.slice(0, start), sizeOf(inputShape.slice(start, end + 1)), ...inputShape.slice(end + 1)];
}

/** The outermost sub-layer calls made during fn, each with its inputs' shapes, caught by forward hooks. */
function recordSubLayerCalls(module: Module, fn: () => void): { child: Module; inputShapes: number[][] }[] {
  const calls: { child: Module; inputShapes: number[][] }[] = [];
  let nesting = 0;
  const handles = module.modules().filter((m) => m !== module).flatMap((child) => [
    child.registerForwardPreHook((_, inputs) => {
      if (nesting++ === 0) calls.push({ child, inputShapes: inputs.map((x) => [...x.shape]) });
    }),
    child.registerForwardHook(() => void nesting--),
  ]);
  try {
    fn();
  } finally {
    for (const handle of handles) handle.remove();
  }
  return calls;
}

/**
 * The last resort: run the module once on zeros (no graph, evaluation mode so nothing is sampled
 * or updated). Forward hooks see which sub-layers it called, in order and with which input shapes,
 * and each of those is carried through `through`, so a user's own module gets a row per layer.
 * A sub-layer called with several inputs has no single input shape and gets no row.
 */
function shapeByRunning(module: Module, inputShape: readonly number[], through: ShapeTracer): number[] {
  let outputShape: number[] = [];
  const calls = recordSubLayerCalls(module, () => {
    outputShape = [...withEvalMode(module, () => noGrad(() => module.forward(zeros(inputShape)))).shape];
  });
  // outputShapeOf records nothing, so its sub-layers need not be traced again.
  if (through !== outputShapeOf) for (const { child, inputShapes } of calls) if (inputShapes.length === 1) through(child, inputShapes[0]);
  return outputShape;
}

/**
 * The output shape of module for an input of inputShape, with `through` carrying the shapes of
 * its sub-layers (summary() passes one that records them).
 */
export function traceShape(module: Module, inputShape: readonly number[], through: ShapeTracer): number[] {
  if (isShapeAware(module)) return module.outputShape(inputShape, through);
  if (module instanceof Sequential) return [...module].reduce<number[]>((shape, child) => through(child, shape), [...inputShape]);
  if (module instanceof Linear) return linearShape(module, inputShape);
  if (module instanceof Flatten) return flattenShape(module, inputShape);
  if (isBatchNorm(module)) return batchNormShape(module, inputShape);
  if (shapePreserving.some((type) => module instanceof type)) return [...inputShape];
  return shapeByRunning(module, inputShape, through);
}

/** The output shape of module for an input of this shape (batch first), without running it where possible. */
export function outputShapeOf(module: Module, inputShape: readonly number[]): number[] {
  return traceShape(module, inputShape, outputShapeOf);
}

/**
 * Window elements read by adaptive pooling of n inputs to m outputs along one dimension (output o
 * covers ⌊o·n/m⌋ … ⌈(o+1)·n/m⌉ − 1). Where n = m, as along the batch and channel axes, that is n.
 */
function adaptiveTaps(n: number, m: number): number {
  let taps = 0;
  for (let o = 0; o < m; o++) taps += Math.ceil(((o + 1) * n) / m) - Math.floor((o * n) / m);
  return taps;
}

/**
 * Multiply-adds of one forward pass of a layer (not counting its sub-layers), over the whole
 * batch: Linear and convolutions count one per use of a weight; pooling and local normalisation
 * one per element of each window they reduce; batch norm (at inference, a scale and a shift) one
 * per element; activations none. A layer may report its own through multiplyAdds().
 */
export function multiplyAddsOf(module: Module, inputShape: readonly number[], outputShape: readonly number[]): number {
  if (isShapeAware(module) && module.multiplyAdds) return module.multiplyAdds(inputShape);
  const inputs = sizeOf(inputShape);
  if (module instanceof Linear) return sizeOf(outputShape) * module.inFeatures;
  if (module instanceof WindowPool) return sizeOf(outputShape) * sizeOf(module.geometry.kernel);
  if (module instanceof AdaptivePool) return inputShape.reduce((n, size, i) => n * adaptiveTaps(size, outputShape[i]), 1);
  if (isBatchNorm(module)) return inputs;
  if (module instanceof LocalResponseNorm) return inputs * module.size;
  if (module instanceof DivisiveNorm) return inputs * module.size ** 2;
  // the local mean and the local variance, each a weighted sum over the window
  if (module instanceof LocalContrastNorm) return 2 * inputs * module.size ** 2;
  return 0;
}
