/**
 * Layers whose filters are not shared across positions: LocallyConnected2d (a filter bank per
 * output position, for aligned inputs such as faces) and TiledConv2d (banks repeating every n
 * positions). Weight layout [tileH, tileW, outChannels, inChannels, kh, kw], as Torch7's
 * SpatialConvolutionLocal; see functional/conv-local.ts.
 */
import { convOutputLength, perSpatialDim, zeros } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { checkChannels, pyTuple, spatialOf } from "./conv.js";
import { windowTilingProblem } from "./conv-tiling.js";
import { locallyConnected2d, tiledConv2d, type LocalConvOptions } from "./functional/conv-local.js";
import { uniform_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

export interface LocalConvLayerOptions extends LocalConvOptions {
  /** Learn a bias. Default true. */
  bias?: boolean;
  /** Refuse an input the window does not tile exactly (see tilingProblem). Default false. */
  strict?: boolean;
}

/** What LocallyConnected2d and TiledConv2d share: the sliding window, shapes, checks and initialisation. */
abstract class UnsharedConv2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  readonly strict: boolean;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    /** Banks repeating every `tiles` positions, or (perPosition) one bank per position of an input of this [H, W]. */
    sharing: { tiles: readonly number[] } | { perPosition: readonly number[] },
    { stride = 1, padding = 0, dilation = 1, bias = true, strict = false }: LocalConvLayerOptions,
  ) {
    super();
    const layer = this.constructor.name;
    checkChannels(layer, "inChannels", inChannels, 1);
    checkChannels(layer, "outChannels", outChannels, 1);
    this.kernelSize = perSpatialDim(layer, "kernelSize", kernelSize, 2, 1);
    this.stride = perSpatialDim(layer, "stride", stride, 2, 1);
    this.padding = perSpatialDim(layer, "padding", padding, 2, 0);
    this.dilation = perSpatialDim(layer, "dilation", dilation, 2, 1);
    this.strict = strict;
    const tiles = "tiles" in sharing ? sharing.tiles : this.outputShape([inChannels, ...sharing.perPosition]).slice(1);
    this.weight = new Parameter(zeros([...tiles, outChannels, inChannels, ...this.kernelSize]));
    // a bias per output channel, and per position too when the filters are
    this.bias = bias ? new Parameter(zeros("tiles" in sharing ? [outChannels] : [outChannels, ...tiles])) : null;
    // PyTorch's conv default: U(±1/√fanIn) for weight and bias, fanIn = inChannels·kh·kw
    const bound = 1 / Math.sqrt(inChannels * this.kernelSize[0] * this.kernelSize[1]);
    uniform_(this.weight, -bound, bound);
    if (this.bias) uniform_(this.bias, -bound, bound);
  }

  protected get windowOptions(): LocalConvOptions {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation };
  }

  /** The output height and width for an input of this spatial size. */
  protected outputSize(spatial: readonly number[]): number[] {
    return spatial.map((n, i) => convOutputLength(n, this.kernelSize[i], this.stride[i], this.padding[i], this.padding[i], this.dilation[i]));
  }

  protected checkStrict(x: Tensor): void {
    const problem = this.strict ? this.tilingProblem(x.shape) : null;
    if (problem) throw new ShapeError(problem);
  }

  /** The output shape for an input of this shape (with or without the batch dimension). */
  outputShape(inputShape: readonly number[]): number[] {
    const out = this.outputSize(spatialOf(this.constructor.name, inputShape, 2, this.inChannels));
    if (out.some((n) => n < 1)) throw new ShapeError(`${this.constructor.name}: input of shape ${fmtShape(inputShape)} is smaller than the ${fmtShape(this.kernelSize)} kernel`);
    return [...inputShape.slice(0, -3), this.outChannels, ...out];
  }

  /** null if the window tiles this input exactly, else a message with the sizes and the rule (N − F + 2P)/S + 1. */
  tilingProblem(inputShape: readonly number[]): string | null {
    spatialOf(this.constructor.name, inputShape, 2, this.inChannels);
    return windowTilingProblem(this.toString(), inputShape, { kernel: this.kernelSize, stride: this.stride, padding: this.padding, dilation: this.dilation });
  }

  /** Multiply-adds of one forward pass: inChannels·kh·kw per output element, as a convolution. */
  multiplyAdds(inputShape: readonly number[]): number {
    return this.outputShape(inputShape).reduce((n, d) => n * d, this.inChannels * this.kernelSize[0] * this.kernelSize[1]);
  }

  protected windowRepr(): string {
    const parts = [`${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`];
    if (this.padding.some((p) => p !== 0)) parts.push(`padding=${pyTuple(this.padding)}`);
    if (this.dilation.some((d) => d !== 1)) parts.push(`dilation=${pyTuple(this.dilation)}`);
    if (!this.bias) parts.push("bias=False");
    return parts.join(", ");
  }
}

/**
 * A convolution without weight sharing: every output position (i, j) has its own filters. Because
 * the weights belong to positions, the input size is fixed at construction.
 * weight: [outH, outW, outChannels, inChannels, kh, kw]; bias: [outChannels, outH, outW].
 */
export class LocallyConnected2d extends UnsharedConv2d {
  /** The [height, width] of the inputs this layer takes. */
  readonly inputSize: readonly number[];

  constructor(inChannels: number, outChannels: number, inputSize: number | readonly number[], kernelSize: number | readonly number[], options: LocalConvLayerOptions = {}) {
    const size = perSpatialDim("LocallyConnected2d", "inputSize", inputSize, 2, 1);
    super(inChannels, outChannels, kernelSize, { perPosition: size }, options);
    this.inputSize = size;
  }

  forward(x: Tensor): Tensor {
    const spatial = x.shape.slice(2);
    if (x.ndim !== 4 || spatial[0] !== this.inputSize[0] || spatial[1] !== this.inputSize[1]) {
      throw new ShapeError(`LocallyConnected2d: input must be [N, ${this.inChannels}, ${this.inputSize.join(", ")}] (its filters belong to positions), got ${fmtShape(x.shape)}`);
    }
    this.checkStrict(x);
    return locallyConnected2d(x, this.weight, this.bias, this.windowOptions);
  }

  override extraRepr(): string {
    return `${this.windowRepr()}, input_size=${pyTuple(this.inputSize)}`;
  }
}

/**
 * Tiled convolution: tileH·tileW filter banks cycling over the output positions, position (i, j)
 * using bank (i mod tileH, j mod tileW) — weights repeat every `tileSize` positions. A 1×1 tile
 * is Conv2d; a tile as large as the output is LocallyConnected2d.
 * weight: [tileH, tileW, outChannels, inChannels, kh, kw]; bias: [outChannels], shared.
 */
export class TiledConv2d extends UnsharedConv2d {
  readonly tileSize: readonly number[];

  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], tileSize: number | readonly number[], options: LocalConvLayerOptions = {}) {
    const tiles = perSpatialDim("TiledConv2d", "tileSize", tileSize, 2, 1);
    super(inChannels, outChannels, kernelSize, { tiles }, options);
    this.tileSize = tiles;
  }

  forward(x: Tensor): Tensor {
    this.checkStrict(x);
    return tiledConv2d(x, this.weight, this.bias, this.windowOptions);
  }

  override extraRepr(): string {
    return `${this.windowRepr()}, tile_size=${pyTuple(this.tileSize)}`;
  }
}
