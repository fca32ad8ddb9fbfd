/** Transposed convolution layers ConvTranspose1d/2d/3d (learned upsampling), PyTorch's layouts and defaults. */
import { convTranspose, perSpatialDim, zeros } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { checkChannels, pyTuple, spatialOf } from "./conv.js";
import { linearDefault_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

export interface ConvTransposeLayerOptions {
  /** Stride of the convolution this transposes: the upsampling factor. Default 1. */
  stride?: number | readonly number[];
  /** Padding of the convolution this transposes; it trims the output. Default 0. */
  padding?: number | readonly number[];
  /** Extra output size on one side, less than the stride or dilation, to pick among the sizes a strided conv maps to one. Default 0. */
  outputPadding?: number | readonly number[];
  groups?: number;
  dilation?: number | readonly number[];
  /** Learn a bias per output channel. Default true. */
  bias?: boolean;
}

/**
 * The shared body of ConvTranspose1d/2d/3d: the input gradient of a convolution used as a layer.
 * weight is [inChannels, outChannels/groups, …kernelSize] and bias [outChannels], as PyTorch, and
 * initialised as PyTorch does (the same rule as Conv, with fanIn read from the weight's shape[1]).
 * Each spatial size N becomes (N − 1)·S − 2P + D·(F − 1) + outputPadding + 1.
 */
export abstract class ConvTransposeNd extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  readonly dilation: readonly number[];
  readonly groups: number;

  constructor(
    dims: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    { stride = 1, padding = 0, outputPadding = 0, groups = 1, dilation = 1, bias = true }: ConvTransposeLayerOptions = {},
  ) {
    super();
    const layer = this.constructor.name;
    if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`${layer}: groups must be a positive integer, got ${groups}`);
    checkChannels(layer, "inChannels", inChannels, groups);
    checkChannels(layer, "outChannels", outChannels, groups);
    this.kernelSize = perSpatialDim(layer, "kernelSize", kernelSize, dims, 1);
    this.stride = perSpatialDim(layer, "stride", stride, dims, 1);
    this.padding = perSpatialDim(layer, "padding", padding, dims, 0);
    this.outputPadding = perSpatialDim(layer, "outputPadding", outputPadding, dims, 0);
    this.dilation = perSpatialDim(layer, "dilation", dilation, dims, 1);
    this.outputPadding.forEach((p, i) => {
      if (p >= Math.max(this.stride[i], this.dilation[i])) {
        throw new RangeError(`${layer}: outputPadding ${pyTuple(this.outputPadding)} must be smaller than the stride or the dilation in each dimension`);
      }
    });
    this.groups = groups;
    this.weight = new Parameter(zeros([inChannels, outChannels / groups, ...this.kernelSize]));
    this.bias = bias ? new Parameter(zeros([outChannels])) : null;
    linearDefault_(this.weight, this.bias);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, outputPadding, groups, dilation } = this;
    return convTranspose(x, this.weight, this.bias, { stride, padding, outputPadding, groups, dilation });
  }

  /** The output shape for an input of this shape (with or without the batch dimension). */
  outputShape(inputShape: readonly number[]): number[] {
    const dims = this.kernelSize.length;
    const spatial = spatialOf(this.constructor.name, inputShape, dims, this.inChannels);
    const out = spatial.map(
      (n, i) => (n - 1) * this.stride[i] - 2 * this.padding[i] + this.dilation[i] * (this.kernelSize[i] - 1) + this.outputPadding[i] + 1,
    );
    if (out.some((n) => n < 1)) throw new ShapeError(`${this.constructor.name}: input of shape ${fmtShape(inputShape)} gives an empty output ${fmtShape(out)}`);
    return [...inputShape.slice(0, -dims - 1), this.outChannels, ...out];
  }

  /**
   * Always null once the shape is valid: a transposed convolution spreads every input element over
   * the output, so no input is left out whatever its size (there is no rounding in its size rule).
   */
  tilingProblem(inputShape: readonly number[]): string | null {
    spatialOf(this.constructor.name, inputShape, this.kernelSize.length, this.inChannels);
    return null;
  }

  /** Multiply-adds of one forward pass: each input element is spread through outChannels/groups·∏kernelSize weights. */
  multiplyAdds(inputShape: readonly number[]): number {
    const taps = this.kernelSize.reduce((n, k) => n * k, this.outChannels / this.groups);
    return inputShape.reduce((n, d) => n * d, taps);
  }

  override extraRepr(): string {
    const parts = [`${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`];
    if (this.padding.some((p) => p !== 0)) parts.push(`padding=${pyTuple(this.padding)}`);
    if (this.dilation.some((d) => d !== 1)) parts.push(`dilation=${pyTuple(this.dilation)}`);
    if (this.outputPadding.some((p) => p !== 0)) parts.push(`output_padding=${pyTuple(this.outputPadding)}`);
    if (this.groups !== 1) parts.push(`groups=${this.groups}`);
    if (!this.bias) parts.push("bias=False");
    return parts.join(", ");
  }
}

export class ConvTranspose1d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTransposeLayerOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
}

/** `new nn.ConvTranspose2d(16, 8, 2, { stride: 2 })` doubles the height and width. */
export class ConvTranspose2d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTransposeLayerOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
}

export class ConvTranspose3d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTransposeLayerOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, options);
  }
}
