/**
 * The lectures' other poolings as layers: stochastic pooling, "PROB" (log-sum-exp) pooling, and L2
 * pooling across feature maps.
 */
import { rand, stochasticPool, type SizeArg, type WindowOptions } from "../ops/index.js";
import { sameShape, type Tensor } from "../tensor/index.js";
import { channelGroupShape, featureL2Pool } from "./functional/pool-channels.js";
import { logSumExpPool2d } from "./functional/pool-prob.js";
import { Module } from "./module.js";
import { WindowPool, type PoolLayerOptions } from "./pool.js";
import { pyBool, pyFloat } from "./repr.js";
import { isReplayingForward } from "./torch7.js";

export interface StochasticPoolLayerOptions extends WindowOptions, PoolLayerOptions {}

/**
 * Stochastic pooling (Zeiler & Fergus 2013) over H, W of non-negative maps (put it after a ReLU).
 * Training: each window outputs one of its values, drawn with probability aᵢ/Σa from the seeded
 * default generator, and the gradient flows to that position only; a window of zeros outputs 0.
 * Evaluation: the probability-weighted average Σaᵢ²/Σa.
 */
export class StochasticPool2d extends WindowPool {
  /** The last draws, reused when the Torch7 backward re-runs forward. */
  #uniforms: Tensor | null = null;

  constructor(kernelSize: SizeArg, options: StochasticPoolLayerOptions = {}) {
    super(2, kernelSize, options);
  }

  forward(x: Tensor): Tensor {
    const input = this.checked(x);
    if (!this.training) return stochasticPool(input, this.geometry.kernel, { ...this.geometry, training: false });
    const shape = this.outputShape(x.shape);
    const previous = this.#uniforms;
    const reuse = isReplayingForward() && previous !== null && sameShape(previous.shape, shape);
    const uniforms = reuse ? previous : rand(shape, { dtype: "float64" });
    this.#uniforms = uniforms;
    return stochasticPool(input, this.geometry.kernel, { ...this.geometry, uniforms });
  }

  override extraRepr(): string {
    return `${this.windowRepr()}, ceil_mode=${pyBool(this.geometry.ceilMode)}`;
  }
}

export interface LogSumExpPoolLayerOptions extends PoolLayerOptions {
  /** Sharpness b > 0. Default 1. */
  b?: number;
  /** Step between windows. Default: the kernel size. */
  stride?: SizeArg;
  /** Average inside the log (tends to the window mean as b → 0). Default false. */
  mean?: boolean;
}

/**
 * "PROB" pooling, (1/b)·log Σ exp(b·x) over each H×W window: a soft maximum that approaches max
 * pooling as b grows, and (less log(n)/b, or with `mean`) average pooling as b shrinks.
 */
export class LogSumExpPool2d extends WindowPool {
  readonly b: number;
  readonly mean: boolean;

  constructor(kernelSize: SizeArg, options: LogSumExpPoolLayerOptions = {}) {
    super(2, kernelSize, { stride: options.stride, strict: options.strict });
    this.b = options.b ?? 1;
    this.mean = options.mean ?? false;
    if (!(Number.isFinite(this.b) && this.b > 0)) throw new RangeError(`LogSumExpPool2d: the sharpness b must be a positive finite number, got ${this.b}`);
  }

  forward(x: Tensor): Tensor {
    return logSumExpPool2d(this.checked(x), this.geometry.kernel, { b: this.b, stride: this.geometry.stride, mean: this.mean });
  }

  override extraRepr(): string {
    return `${this.windowRepr()}, b=${pyFloat(this.b)}, mean=${pyBool(this.mean)}`;
  }
}

/**
 * L2 pooling across feature maps: each group of `size` adjacent channels of [N, C, …] becomes
 * √(Σ x²), giving [N, C/size, …] — the pooling of topographic / group-sparse features, invariant
 * to which map of a group responds. See nn.functional.featureL2Pool.
 */
export class FeatureL2Pool extends Module {
  constructor(readonly size: number) {
    super();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`FeatureL2Pool: the group size must be a positive integer, got ${size}`);
  }

  forward(x: Tensor): Tensor {
    return featureL2Pool(x, this.size);
  }

  outputShape(inputShape: readonly number[]): number[] {
    return channelGroupShape("FeatureL2Pool", inputShape, this.size);
  }

  /** Always null: the groups must divide the channels exactly, so an input fits or is refused. */
  tilingProblem(inputShape: readonly number[]): string | null {
    this.outputShape(inputShape);
    return null;
  }

  override extraRepr(): string {
    return `size=${this.size}`;
  }
}
