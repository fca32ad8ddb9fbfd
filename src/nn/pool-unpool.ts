/** MaxUnpool1d/2d/3d: the partial inverse of max pooling, driven by its switches. */
import { maxUnpool, poolGeometry, spatialSize, unpooledSize, type MaxUnpoolOptions, type PoolGeometry, type SizeArg } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { pyTuple } from "./conv.js";
import { Module } from "./module.js";

export type MaxUnpoolLayerOptions = Omit<MaxUnpoolOptions, "outputSize">;

/**
 * Puts each value back where the matching max pool found its maximum (`indices`, from
 * MaxPool's forwardWithIndices or its `indices` after a forward with returnIndices) and zeros
 * everywhere else — the "unpool with switches" step of a deconvnet.
 */
export abstract class MaxUnpoolNd extends Module {
  readonly geometry: PoolGeometry;

  constructor(dims: number, readonly kernelSize: SizeArg, options: MaxUnpoolLayerOptions = {}) {
    super();
    this.geometry = poolGeometry(this.constructor.name, dims, kernelSize, options);
  }

  /** x unpooled by `indices` to the size the pool read by default: (N − 1)·S − 2P + F per dimension. */
  forward(x: Tensor, indices: Tensor): Tensor {
    return maxUnpool(x, indices, this.geometry.kernel, this.geometry);
  }

  /** As forward, to an explicit size (e.g. the pool's input size when its windows did not tile it). */
  forwardToSize(x: Tensor, indices: Tensor, outputSize: readonly number[]): Tensor {
    return maxUnpool(x, indices, this.geometry.kernel, { ...this.geometry, outputSize });
  }

  /** The default output shape for an input of this shape (with or without the batch dimension). */
  outputShape(inputShape: readonly number[]): number[] {
    const dims = this.geometry.kernel.length;
    const inSize = spatialSize(this.constructor.name, inputShape, dims);
    return [...inputShape.slice(0, inputShape.length - dims), ...unpooledSize(this.constructor.name, this.geometry, inSize)];
  }

  /** Always null: unpooling writes to positions its indices name, so there is no window to tile. */
  tilingProblem(inputShape: readonly number[]): string | null {
    this.outputShape(inputShape);
    return null;
  }

  override extraRepr(): string {
    const { kernel, stride, padding } = this.geometry;
    return `kernel_size=${pyTuple(kernel)}, stride=${pyTuple(stride)}, padding=${pyTuple(padding)}`;
  }
}

export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(kernelSize: SizeArg, options?: MaxUnpoolLayerOptions) {
    super(1, kernelSize, options);
  }
}

export class MaxUnpool2d extends MaxUnpoolNd {
  constructor(kernelSize: SizeArg, options?: MaxUnpoolLayerOptions) {
    super(2, kernelSize, options);
  }
}

export class MaxUnpool3d extends MaxUnpoolNd {
  constructor(kernelSize: SizeArg, options?: MaxUnpoolLayerOptions) {
    super(3, kernelSize, options);
  }
}
