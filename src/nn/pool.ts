/**
 * Window pooling layers: MaxPool1d/2d/3d, AvgPool1d/2d/3d, SumPool1d/2d/3d, LPPool1d/2d/3d. One base
 * holds the window's settings and answers summary()'s questions (outputShape, tilingProblem); each
 * family adds its forward. Inputs are [N, C, …spatial] or unbatched [C, …spatial].
 */
import {
  avgPool, maxPool, poolGeometry, pooledShape, sumPool,
  type AvgPoolOptions, type MaxPoolOptions, type PoolGeometry, type PoolWithIndices, type SizeArg, type WindowOptions,
} from "../ops/index.js";
import { ShapeError, type Tensor } from "../tensor/index.js";
import { pyTuple } from "./conv.js";
import { windowTilingProblem } from "./conv-tiling.js";
import { lpPool, type LPPoolOptions } from "./functional/pool.js";
import { Module } from "./module.js";
import { pyBool, pyFloat } from "./repr.js";

/** Settings every window pooling layer takes besides its own. */
export interface PoolLayerOptions {
  /**
   * Refuse an input the windows do not tile exactly (see tilingProblem) instead of dropping the
   * leftover as PyTorch does. Default false.
   */
  strict?: boolean;
}

/** A size as PyTorch prints it: 2, or (2, 3). */
const pySize = (v: SizeArg) => (typeof v === "number" ? String(v) : pyTuple(v));

/** The shared body of the window pooling layers: settings, shapes, tiling. */
export abstract class WindowPool extends Module {
  readonly geometry: PoolGeometry;
  readonly strict: boolean;

  constructor(dims: number, readonly kernelSize: SizeArg, options: WindowOptions & PoolLayerOptions & { dilation?: SizeArg }) {
    super();
    this.geometry = poolGeometry(this.constructor.name, dims, kernelSize, options);
    this.strict = options.strict ?? false;
  }

  /** The input, after refusing it under `strict` if the windows do not tile it. */
  protected checked(x: Tensor): Tensor {
    if (this.strict) {
      const problem = this.tilingProblem(x.shape);
      if (problem) throw new ShapeError(problem);
    }
    return x;
  }

  /** The output shape for an input of this shape (with or without the batch dimension). */
  outputShape(inputShape: readonly number[]): number[] {
    return pooledShape(this.constructor.name, this.geometry, inputShape);
  }

  /**
   * null if the windows tile this input exactly; otherwise a message naming the layer, the sizes
   * and the rule (N − F + 2P)/S + 1, for an input whose last positions PyTorch silently drops. In
   * ceil mode nothing is dropped (the leftover forms a partial window, which is what ceil mode is
   * chosen for), so the answer is null.
   */
  tilingProblem(inputShape: readonly number[]): string | null {
    this.outputShape(inputShape);
    if (this.geometry.ceilMode) return null;
    return windowTilingProblem(this.toString(), inputShape, this.geometry);
  }

  /** kernel_size=…, stride=…, padding=… as PyTorch prints them. */
  protected windowRepr(): string {
    const { stride, padding } = this.geometry;
    const same = (xs: readonly number[]) => xs.every((v) => v === xs[0]);
    const size = (xs: readonly number[]) => (typeof this.kernelSize === "number" && same(xs) ? String(xs[0]) : pyTuple(xs));
    return `kernel_size=${pySize(this.kernelSize)}, stride=${size(stride)}, padding=${size(padding)}`;
  }
}

export interface MaxPoolLayerOptions extends MaxPoolOptions, PoolLayerOptions {}

/**
 * Max pooling. With `returnIndices`, each forward keeps its switches in `indices` (where each
 * maximum came from, for MaxUnpool, e.g. a deconvnet's); forwardWithIndices returns them directly.
 */
export abstract class MaxPoolNd extends WindowPool {
  readonly returnIndices: boolean;
  /** The switches of the last forward when returnIndices is set; null otherwise. */
  indices: Tensor | null = null;

  constructor(dims: number, kernelSize: SizeArg, options: MaxPoolLayerOptions = {}) {
    super(dims, kernelSize, options);
    this.returnIndices = options.returnIndices ?? false;
  }

  forward(x: Tensor): Tensor {
    const { output, indices } = this.forwardWithIndices(x);
    if (this.returnIndices) this.indices = indices;
    return output;
  }

  /** The pooled output and the flat index of each maximum within its input plane. */
  forwardWithIndices(x: Tensor): PoolWithIndices {
    return maxPool(this.checked(x), this.geometry.kernel, { ...this.geometry, returnIndices: true });
  }

  override extraRepr(): string {
    const { dilation, ceilMode } = this.geometry;
    const d = typeof this.kernelSize === "number" && dilation.every((v) => v === dilation[0]) ? String(dilation[0]) : pyTuple(dilation);
    return `${this.windowRepr()}, dilation=${d}, ceil_mode=${pyBool(ceilMode)}`;
  }
}

/** Max pooling over L of [N, C, L]. */
export class MaxPool1d extends MaxPoolNd {
  constructor(kernelSize: SizeArg, options?: MaxPoolLayerOptions) {
    super(1, kernelSize, options);
  }
}

/** Max pooling over H, W of [N, C, H, W] (`new nn.MaxPool2d(2)` halves each side). */
export class MaxPool2d extends MaxPoolNd {
  constructor(kernelSize: SizeArg, options?: MaxPoolLayerOptions) {
    super(2, kernelSize, options);
  }
}

/** Max pooling over D, H, W of [N, C, D, H, W]. */
export class MaxPool3d extends MaxPoolNd {
  constructor(kernelSize: SizeArg, options?: MaxPoolLayerOptions) {
    super(3, kernelSize, options);
  }
}

export interface AvgPoolLayerOptions extends AvgPoolOptions, PoolLayerOptions {}

/** Average pooling (countIncludePad true by default, divisorOverride as PyTorch). */
export abstract class AvgPoolNd extends WindowPool {
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;

  constructor(dims: number, kernelSize: SizeArg, options: AvgPoolLayerOptions = {}) {
    super(dims, kernelSize, options);
    this.countIncludePad = options.countIncludePad ?? true;
    this.divisorOverride = options.divisorOverride;
  }

  forward(x: Tensor): Tensor {
    const { countIncludePad, divisorOverride } = this;
    return avgPool(this.checked(x), this.geometry.kernel, { ...this.geometry, countIncludePad, divisorOverride });
  }

  override extraRepr(): string {
    const override = this.divisorOverride === undefined ? "" : `, divisor_override=${this.divisorOverride}`;
    return `${this.windowRepr()}, ceil_mode=${pyBool(this.geometry.ceilMode)}, count_include_pad=${pyBool(this.countIncludePad)}${override}`;
  }
}

export class AvgPool1d extends AvgPoolNd {
  constructor(kernelSize: SizeArg, options?: AvgPoolLayerOptions) {
    super(1, kernelSize, options);
  }
}

/** Average pooling over H, W (LeNet-5's original subsampling, without its trainable scale). */
export class AvgPool2d extends AvgPoolNd {
  constructor(kernelSize: SizeArg, options?: AvgPoolLayerOptions) {
    super(2, kernelSize, options);
  }
}

export class AvgPool3d extends AvgPoolNd {
  constructor(kernelSize: SizeArg, options?: AvgPoolLayerOptions) {
    super(3, kernelSize, options);
  }
}

export interface SumPoolLayerOptions extends WindowOptions, PoolLayerOptions {}

/** Sum pooling: each window's sum (padding adds nothing). */
export abstract class SumPoolNd extends WindowPool {
  forward(x: Tensor): Tensor {
    return sumPool(this.checked(x), this.geometry.kernel, this.geometry);
  }

  override extraRepr(): string {
    return `${this.windowRepr()}, ceil_mode=${pyBool(this.geometry.ceilMode)}`;
  }
}

export class SumPool1d extends SumPoolNd {
  constructor(kernelSize: SizeArg, options: SumPoolLayerOptions = {}) {
    super(1, kernelSize, options);
  }
}

export class SumPool2d extends SumPoolNd {
  constructor(kernelSize: SizeArg, options: SumPoolLayerOptions = {}) {
    super(2, kernelSize, options);
  }
}

export class SumPool3d extends SumPoolNd {
  constructor(kernelSize: SizeArg, options: SumPoolLayerOptions = {}) {
    super(3, kernelSize, options);
  }
}

export interface LPPoolLayerOptions extends LPPoolOptions, PoolLayerOptions {}

/** Lp pooling, (Σ x^p)^(1/p) over each window, as PyTorch's LPPool (see nn.functional.lpPool2d). */
export abstract class LPPoolNd extends WindowPool {
  constructor(dims: number, readonly normType: number, kernelSize: SizeArg, options: LPPoolLayerOptions = {}) {
    super(dims, kernelSize, options);
    if (!(Number.isFinite(normType) && normType > 0)) throw new RangeError(`${this.constructor.name}: the norm p must be a positive number, got ${normType}`);
  }

  forward(x: Tensor): Tensor {
    return lpPool(this.checked(x), this.normType, this.geometry.kernel, this.geometry);
  }

  override extraRepr(): string {
    return `norm_type=${pyFloat(this.normType)}, kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.geometry.stride)}, ceil_mode=${pyBool(this.geometry.ceilMode)}`;
  }
}

export class LPPool1d extends LPPoolNd {
  constructor(normType: number, kernelSize: SizeArg, options?: LPPoolLayerOptions) {
    super(1, normType, kernelSize, options);
  }
}

/** Lp pooling over H, W: p = 1 is sum pooling, p = 2 L2 pooling, large p nearly max pooling. */
export class LPPool2d extends LPPoolNd {
  constructor(normType: number, kernelSize: SizeArg, options?: LPPoolLayerOptions) {
    super(2, normType, kernelSize, options);
  }
}

export class LPPool3d extends LPPoolNd {
  constructor(normType: number, kernelSize: SizeArg, options?: LPPoolLayerOptions) {
    super(3, normType, kernelSize, options);
  }
}
