/** Per-sample normalisation layers: LayerNorm and GroupNorm, with PyTorch's parameters and state-dict names. */
import { ones, zeros } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { checkGroups, groupNorm, layerNorm } from "./functional/norm-layer.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { pyBool, pyFloat } from "./repr.js";

export interface LayerNormOptions {
  /** Added to the variance before its square root. Default 1e-5. */
  eps?: number;
  /** Learn an elementwise `weight` (initially 1) and `bias` (initially 0) of normalizedShape. Default true. */
  elementwiseAffine?: boolean;
}

export interface GroupNormOptions {
  /** Added to the variance before its square root. Default 1e-5. */
  eps?: number;
  /** Learn a per-channel `weight` (initially 1) and `bias` (initially 0). Default true. */
  affine?: boolean;
}

function checkEps(op: string, eps: number): void {
  if (!(eps > 0)) throw new RangeError(`${op}: eps must be positive, got ${eps}`);
}

/** Normalises each sample over its trailing dimensions, which must equal normalizedShape (a number means [n]). */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], { eps = 1e-5, elementwiseAffine = true }: LayerNormOptions = {}) {
    super();
    const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new RangeError(`LayerNorm: normalizedShape must be positive integers, got [${shape.join(", ")}]`);
    }
    checkEps("LayerNorm", eps);
    this.normalizedShape = shape;
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    this.weight = elementwiseAffine ? new Parameter(ones(shape)) : null;
    this.bias = elementwiseAffine ? new Parameter(zeros(shape)) : null;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(", ")}${this.normalizedShape.length === 1 ? "," : ""}), eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}

/** Normalises each sample over groups of numChannels/numGroups channels (and all positions). Input [N, C, …]. */
export class GroupNorm extends Module {
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(readonly numGroups: number, readonly numChannels: number, { eps = 1e-5, affine = true }: GroupNormOptions = {}) {
    super();
    if (!Number.isInteger(numChannels) || numChannels < 1) throw new RangeError(`GroupNorm: numChannels must be a positive integer, got ${numChannels}`);
    checkGroups("GroupNorm", numGroups, numChannels, "numChannels");
    checkEps("GroupNorm", eps);
    this.eps = eps;
    this.affine = affine;
    this.weight = affine ? new Parameter(ones([numChannels])) : null;
    this.bias = affine ? new Parameter(zeros([numChannels])) : null;
  }

  forward(x: Tensor): Tensor {
    return groupNorm(x, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}
