/**
 * Adaptive pooling layers: a fixed output size whatever the input's, windows by PyTorch's rule
 * (output o of m over n inputs covers ⌊o·n/m⌋ … ⌈(o+1)·n/m⌉ − 1). AdaptiveAvgPool2d lets a
 * classifier head take larger images (torchvision's AlexNet, VGG, ResNet).
 */
import { adaptiveAvgPool, adaptiveMaxPool, adaptiveSize, spatialSize, type PoolWithIndices } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { adaptiveOf, type AdaptiveSize } from "./functional/pool.js";
import { Module } from "./module.js";

/** The shared body: the output size, and the shapes summary() asks about. */
export abstract class AdaptivePool extends Module {
  /** The output size per spatial dimension (null: that input size is kept). */
  protected readonly perDim: readonly (number | null)[];

  constructor(dims: number, readonly outputSize: AdaptiveSize) {
    super();
    this.perDim = adaptiveOf(this.constructor.name, outputSize, dims);
    adaptiveSize(this.constructor.name, new Array<number>(dims).fill(1), this.perDim);
  }

  /** The output shape for an input of this shape (with or without the batch dimension). */
  outputShape(inputShape: readonly number[]): number[] {
    const dims = this.perDim.length;
    const inSize = spatialSize(this.constructor.name, inputShape, dims);
    return [...inputShape.slice(0, inputShape.length - dims), ...adaptiveSize(this.constructor.name, inSize, this.perDim)];
  }

  /** Always null: adaptive windows cover the whole input by construction (they may overlap). */
  tilingProblem(inputShape: readonly number[]): string | null {
    this.outputShape(inputShape);
    return null;
  }

  override extraRepr(): string {
    const size = this.outputSize;
    return `output_size=${typeof size === "number" ? size : `(${size.map((s) => s ?? "None").join(", ")}${size.length === 1 ? "," : ""})`}`;
  }
}

/** Average pooling to a fixed output size. */
export abstract class AdaptiveAvgPoolNd extends AdaptivePool {
  forward(x: Tensor): Tensor {
    return adaptiveAvgPool(x, this.perDim);
  }
}

export class AdaptiveAvgPool1d extends AdaptiveAvgPoolNd {
  constructor(outputSize: AdaptiveSize) {
    super(1, outputSize);
  }
}

/** Average pooling to a fixed H×W output (`new nn.AdaptiveAvgPool2d(1)` is global average pooling). */
export class AdaptiveAvgPool2d extends AdaptiveAvgPoolNd {
  constructor(outputSize: AdaptiveSize) {
    super(2, outputSize);
  }
}

export class AdaptiveAvgPool3d extends AdaptiveAvgPoolNd {
  constructor(outputSize: AdaptiveSize) {
    super(3, outputSize);
  }
}

export interface AdaptiveMaxPoolLayerOptions {
  /** Keep each forward's switches in `indices`. Default false. */
  returnIndices?: boolean;
}

/** Max pooling to a fixed output size; with `returnIndices` each forward keeps its switches in `indices`, as MaxPool. */
export abstract class AdaptiveMaxPoolNd extends AdaptivePool {
  readonly returnIndices: boolean;
  /** The switches of the last forward when returnIndices is set; null otherwise. */
  indices: Tensor | null = null;

  constructor(dims: number, outputSize: AdaptiveSize, options: AdaptiveMaxPoolLayerOptions = {}) {
    super(dims, outputSize);
    this.returnIndices = options.returnIndices ?? false;
  }

  forward(x: Tensor): Tensor {
    const { output, indices } = this.forwardWithIndices(x);
    if (this.returnIndices) this.indices = indices;
    return output;
  }

  /** The pooled output and the flat index of each maximum within its input plane. */
  forwardWithIndices(x: Tensor): PoolWithIndices {
    return adaptiveMaxPool(x, this.perDim, { returnIndices: true });
  }
}

export class AdaptiveMaxPool1d extends AdaptiveMaxPoolNd {
  constructor(outputSize: AdaptiveSize, options?: AdaptiveMaxPoolLayerOptions) {
    super(1, outputSize, options);
  }
}

export class AdaptiveMaxPool2d extends AdaptiveMaxPoolNd {
  constructor(outputSize: AdaptiveSize, options?: AdaptiveMaxPoolLayerOptions) {
    super(2, outputSize, options);
  }
}

export class AdaptiveMaxPool3d extends AdaptiveMaxPoolNd {
  constructor(outputSize: AdaptiveSize, options?: AdaptiveMaxPoolLayerOptions) {
    super(3, outputSize, options);
  }
}
