/** Batch normalisation layers: BatchNorm1d, BatchNorm2d, BatchNorm3d. */
import { ones, scalar, zeros } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { batchNorm } from "./functional/norm-batch.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { pyBool, pyFloat } from "./repr.js";
import { isReplayingForward } from "./torch7.js";

export interface BatchNormLayerOptions {
  /** Added to the variance before its square root. Default 1e-5. */
  eps?: number;
  /**
   * Weight of each new batch in the running averages (default 0.1, as PyTorch); null keeps a
   * cumulative average instead (each batch weighted 1/numBatchesTracked).
   */
  momentum?: number | null;
  /** Learn a per-channel scale `weight` (initially 1) and shift `bias` (initially 0). Default true. */
  affine?: boolean;
  /**
   * Keep running averages (buffers `running_mean`, `running_var`, `num_batches_tracked`) and use
   * them in eval mode. When false, batch statistics are used in both modes. Default true.
   */
  trackRunningStats?: boolean;
}

/**
 * The shared body of BatchNorm1d/2d/3d, which differ only in the input ranks they accept. In
 * training mode each channel (axis 1) is normalised by the batch's mean and biased variance and
 * the running averages are updated (with the unbiased variance); in eval mode the running
 * averages are used. State-dict keys and layouts are PyTorch's, so its state dicts load.
 */
abstract class BatchNorm extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  /** The input ranks the layer accepts and how the error message describes them. */
  protected abstract readonly ranks: readonly number[];
  protected abstract readonly expected: string;

  constructor(readonly numFeatures: number, options: BatchNormLayerOptions = {}) {
    super();
    const { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true } = options;
    const name = this.constructor.name;
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`${name}: numFeatures must be a positive integer, got ${numFeatures}`);
    if (!(eps > 0)) throw new RangeError(`${name}: eps must be positive, got ${eps}`);
    if (momentum !== null && !(momentum >= 0 && momentum <= 1)) throw new RangeError(`${name}: momentum must be in [0, 1] or null, got ${momentum}`);
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    this.weight = affine ? new Parameter(ones([numFeatures])) : null;
    this.bias = affine ? new Parameter(zeros([numFeatures])) : null;
    if (trackRunningStats) {
      this.registerBuffer("running_mean", zeros([numFeatures]));
      this.registerBuffer("running_var", ones([numFeatures]));
      this.registerBuffer("num_batches_tracked", scalar(0, "int32"));
    }
  }

  forward(x: Tensor): Tensor {
    const name = this.constructor.name;
    if (!this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(`${name}: expected ${this.expected} input with C = ${this.numFeatures}, got shape ${fmtShape(x.shape)}`);
    }
    const options = { weight: this.weight, bias: this.bias, eps: this.eps };
    if (!this.trackRunningStats) return batchNorm(x, null, null, { ...options, training: true });
    const runningMean = this.getBuffer("running_mean");
    const runningVar = this.getBuffer("running_var");
    if (!this.training) return batchNorm(x, runningMean, runningVar, options);
    // a Torch7-style backward re-runs forward: the averages already saw this batch
    if (isReplayingForward()) return batchNorm(x, null, null, { ...options, training: true });
    const tracked = this.getBuffer("num_batches_tracked");
    tracked.values[0] += 1;
    const momentum = this.momentum ?? 1 / tracked.values[0];
    return batchNorm(x, runningMean, runningVar, { ...options, training: true, momentum });
  }

  /** Running averages back to mean 0, variance 1, no batches seen (parameters untouched). */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    this.getBuffer("running_mean").values.fill(0);
    this.getBuffer("running_var").values.fill(1);
    this.getBuffer("num_batches_tracked").values.fill(0);
  }

  override extraRepr(): string {
    const momentum = this.momentum === null ? "None" : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${momentum}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }
}

/** Batch normalisation of [N, C] or [N, C, L] inputs (after Linear or Conv1d). */
export class BatchNorm1d extends BatchNorm {
  protected readonly ranks = [2, 3];
  protected readonly expected = "a [N, C] or [N, C, L]";
}

/** Batch normalisation of [N, C, H, W] inputs (after Conv2d). */
export class BatchNorm2d extends BatchNorm {
  protected readonly ranks = [4];
  protected readonly expected = "an [N, C, H, W]";
}

/** Batch normalisation of [N, C, D, H, W] inputs (after Conv3d). */
export class BatchNorm3d extends BatchNorm {
  protected readonly ranks = [5];
  protected readonly expected = "an [N, C, D, H, W]";
}
