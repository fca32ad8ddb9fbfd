/** Convolution layers Conv1d, Conv2d, Conv3d: one N-d implementation, PyTorch's layouts and defaults. */
import { conv, convOutputLength, convRelu, perSpatialDim, resolveConvPadding, zeros, type ConvPadding } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { windowTilingProblem } from "./conv-tiling.js";
import { linearDefault_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

export interface ConvLayerOptions {
  /** Step of the window: one number for every spatial dimension, or one each. Default 1. */
  stride?: number | readonly number[];
  /** Zeros on both sides of each spatial dimension (default 0); "valid" is 0; "same" keeps the size (stride 1). */
  padding?: ConvPadding;
  /** Spacing between kernel taps. Default 1. */
  dilation?: number | readonly number[];
  /** Split the channels into this many independent convolutions (inChannels and outChannels must divide). Default 1. */
  groups?: number;
  /** Learn a bias per output channel. Default true. */
  bias?: boolean;
  /**
   * Refuse an input the window does not tile exactly (see tilingProblem) instead of flooring the
   * output size as PyTorch does. Default false.
   */
  strict?: boolean;
}

/** A tuple as Python prints it: (5, 5), or (5,) for one element. */
export function pyTuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(", ")})`;
}

/** Check a channel count and that `groups` divides it, naming the layer. */
export function checkChannels(layer: string, name: string, n: number, groups: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${layer}: ${name} must be a positive integer, got ${n}`);
  if (n % groups !== 0) throw new RangeError(`${layer}: ${name} (${n}) must be divisible by groups (${groups})`);
}

/**
 * The spatial part of an input shape given with or without its batch dimension ([N, C, …] or
 * [C, …]), after checking its channel count; `layer` names the caller in errors.
 */
export function spatialOf(layer: string, inputShape: readonly number[], dims: number, channels: number): number[] {
  if (inputShape.length !== dims + 2 && inputShape.length !== dims + 1) {
    throw new ShapeError(`${layer}: input shape ${fmtShape(inputShape)} must be [batch, channels, …${dims} spatial] or [channels, …${dims} spatial]`);
  }
  const found = inputShape[inputShape.length - dims - 1];
  if (found !== channels) throw new ShapeError(`${layer}: input of shape ${fmtShape(inputShape)} has ${found} channels, expected ${channels}`);
  return inputShape.slice(-dims);
}

/**
 * The shared body of Conv1d/2d/3d: cross-correlation of an [N, inChannels, …spatial] input (or an
 * unbatched [inChannels, …spatial] one) with weight [outChannels, inChannels/groups, …kernelSize]
 * and bias [outChannels], initialised as PyTorch does (Kaiming-uniform with a = √5, i.e.
 * U(±1/√fanIn), for the weight; U(±1/√fanIn) for the bias; fanIn = inChannels/groups·∏kernelSize).
 */
export abstract class ConvNd extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  /** As given: zeros per side for each dimension, or "same" / "valid". */
  readonly padding: readonly number[] | "same" | "valid";
  readonly dilation: readonly number[];
  readonly groups: number;
  readonly strict: boolean;
  /** Zeros actually added before and after each dimension ("same" may put one more after). */
  readonly #padBefore: readonly number[];
  readonly #padAfter: readonly number[];

  constructor(
    dims: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    { stride = 1, padding = 0, dilation = 1, groups = 1, bias = true, strict = false }: ConvLayerOptions = {},
  ) {
    super();
    const layer = this.constructor.name;
    if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`${layer}: groups must be a positive integer, got ${groups}`);
    checkChannels(layer, "inChannels", inChannels, groups);
    checkChannels(layer, "outChannels", outChannels, groups);
    this.kernelSize = perSpatialDim(layer, "kernelSize", kernelSize, dims, 1);
    this.stride = perSpatialDim(layer, "stride", stride, dims, 1);
    this.dilation = perSpatialDim(layer, "dilation", dilation, dims, 1);
    const sides = resolveConvPadding(layer, padding, this.kernelSize, this.dilation, this.stride);
    this.#padBefore = sides.before;
    this.#padAfter = sides.after;
    this.padding = typeof padding === "string" ? padding : sides.before;
    this.groups = groups;
    this.strict = strict;
    this.weight = new Parameter(zeros([outChannels, inChannels / groups, ...this.kernelSize]));
    this.bias = bias ? new Parameter(zeros([outChannels])) : null;
    linearDefault_(this.weight, this.bias);
  }

  /** Zeros added before each spatial dimension (what "same" works out to, too). */
  get paddingBefore(): readonly number[] {
    return this.#padBefore;
  }

  /** Zeros added after each spatial dimension (one more than before where "same" needs an odd total). */
  get paddingAfter(): readonly number[] {
    return this.#padAfter;
  }

  forward(x: Tensor): Tensor {
    return this.convolve(x, false);
  }

  /** relu(forward(x)) in one fused kernel: what Sequential runs for this layer followed by a ReLU. */
  forwardRelu(x: Tensor): Tensor {
    return this.convolve(x, true);
  }

  private convolve(x: Tensor, relu: boolean): Tensor {
    if (this.strict) {
      const problem = this.tilingProblem(x.shape);
      if (problem) throw new ShapeError(problem);
    }
    const options = { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
    return (relu ? convRelu : conv)(x, this.weight, this.bias, options);
  }

  /** The output shape for an input of this shape (with or without the batch dimension). */
  outputShape(inputShape: readonly number[]): number[] {
    const dims = this.kernelSize.length;
    const spatial = spatialOf(this.constructor.name, inputShape, dims, this.inChannels);
    const out = spatial.map((n, i) => convOutputLength(n, this.kernelSize[i], this.stride[i], this.#padBefore[i], this.#padAfter[i], this.dilation[i]));
    if (out.some((n) => n < 1)) {
      throw new ShapeError(`${this.constructor.name}: input of shape ${fmtShape(inputShape)} is smaller than the ${fmtShape(this.kernelSize)} kernel (output ${fmtShape(out)})`);
    }
    return [...inputShape.slice(0, -dims - 1), this.outChannels, ...out];
  }

  /**
   * null if the window tiles this input exactly; otherwise a message naming the layer, the sizes
   * and the rule (N − F + 2P)/S + 1 — the input PyTorch silently floors and `strict` refuses.
   */
  tilingProblem(inputShape: readonly number[]): string | null {
    spatialOf(this.constructor.name, inputShape, this.kernelSize.length, this.inChannels);
    return windowTilingProblem(this.toString(), inputShape, {
      kernel: this.kernelSize, stride: this.stride, padding: this.#padBefore, paddingAfter: this.#padAfter, dilation: this.dilation,
    });
  }

  /** Multiply-adds of one forward pass: each output element takes inChannels/groups·∏kernelSize. */
  multiplyAdds(inputShape: readonly number[]): number {
    const taps = this.kernelSize.reduce((n, k) => n * k, this.inChannels / this.groups);
    return this.outputShape(inputShape).reduce((n, d) => n * d, taps);
  }

  override extraRepr(): string {
    const parts = [`${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`];
    if (typeof this.padding === "string") parts.push(`padding=${this.padding}`);
    else if (this.padding.some((p) => p !== 0)) parts.push(`padding=${pyTuple(this.padding)}`);
    if (this.dilation.some((d) => d !== 1)) parts.push(`dilation=${pyTuple(this.dilation)}`);
    if (this.groups !== 1) parts.push(`groups=${this.groups}`);
    if (!this.bias) parts.push("bias=False");
    return parts.join(", ");
  }
}

/** Temporal convolution over [N, C, L] (speech, signals). */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvLayerOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
}

/** Spatial convolution over [N, C, H, W]: `new nn.Conv2d(1, 6, 5, { padding: 2 })`. */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvLayerOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
}

/** Volumetric convolution over [N, C, D, H, W] (video, as in C3D). */
export class Conv3d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvLayerOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, options);
  }
}
