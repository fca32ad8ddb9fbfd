/** Maxout units (Goodfellow et al. 2013): the maximum over groups of linear pieces. */
import type { Tensor } from "../tensor/index.js";
import { channelGroupShape, maxout } from "./functional/pool-channels.js";
import { Linear, type LinearOptions } from "./linear.js";
import { Module } from "./module.js";

/**
 * The maximum over each group of `pieces` adjacent channels (dimension 1): [N, C, …] →
 * [N, C/pieces, …]. After a convolution or Linear with pieces× the outputs, this is a maxout layer.
 */
export class Maxout extends Module {
  constructor(readonly pieces: number) {
    super();
    if (!Number.isInteger(pieces) || pieces < 1) throw new RangeError(`Maxout: pieces must be a positive integer, got ${pieces}`);
  }

  forward(x: Tensor): Tensor {
    return maxout(x, this.pieces);
  }

  outputShape(inputShape: readonly number[]): number[] {
    return channelGroupShape("Maxout", inputShape, this.pieces);
  }

  /** Always null: the pieces must divide the channels exactly, so an input fits or is refused. */
  tilingProblem(inputShape: readonly number[]): string | null {
    this.outputShape(inputShape);
    return null;
  }

  override extraRepr(): string {
    return `pieces=${this.pieces}`;
  }
}

/**
 * A fully connected maxout layer: `linear` maps inFeatures to outFeatures·pieces, and unit j is the
 * maximum of pieces j·pieces … (j+1)·pieces − 1. State-dict keys: linear.weight, linear.bias.
 */
export class MaxoutLinear extends Module {
  readonly linear: Linear;

  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly pieces: number, options: LinearOptions = {}) {
    super();
    if (!Number.isInteger(pieces) || pieces < 1) throw new RangeError(`MaxoutLinear: pieces must be a positive integer, got ${pieces}`);
    this.linear = new Linear(inFeatures, outFeatures * pieces, options);
  }

  /** x [N, inFeatures] → [N, outFeatures]. */
  forward(x: Tensor): Tensor {
    return maxout(this.linear.forward(x), this.pieces);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, pieces=${this.pieces}`;
  }
}
