/**
 * Group sparsity with overlapping groups on a 2-D grid of code units — topographic sparse coding,
 * the penalty of invariant PSD (Kavukcuoglu, Ranzato, Fergus & LeCun 2009):
 *
 *   P(Z) = λ Σ_i √(Σ_{j ∈ group i} z_j² + ε)
 *
 * with a group for every unit of a rows × cols torus, the g × g window around it. An L2 norm per
 * group lets units in one group be active together at little extra cost, so neighbours on the
 * grid learn similar filters (the same edge at nearby orientations or phases) and the map becomes
 * topographic. Overlapping groups have no closed-form prox. Taking the (ε-smoothed) penalty through
 * its gradient would need a step of 1/(L + λg²/√ε), so small that 50 FISTA steps leave the codes
 * dense and the filters blobs. Instead each step majorizes it at the point z₀ the gradient step left
 * from — √s ≤ √s₀ + (s − s₀)/(2√s₀) per group — by ½ Σ_j w_j z_j² + const, with w_j = λ Σ_{groups
 * i ∋ j} 1/√(s_i(z₀) + ε), whose prox divides each unit by 1 + step·w_j: units in quiet groups go to
 * zero, units in active groups hardly shrink. Majorize–minimize, so ISTA's energy never rises. A
 * larger ε lets codes leave zero sooner (at zero every weight is λg²/√ε).
 */
import { noGrad } from "../../autograd/index.js";
import { concat, sumPool } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { SparseCoding } from "./sparse-coding.js";

export interface TopographicOptions {
  lambda?: number;
  seed?: number;
  /** Side g of each (odd-sized) group window (default 3). */
  groupSize?: number;
  /** ε inside each group's square root (default 0.01). */
  smoothing?: number;
}

/** x [N, 1, R, C] padded by p on each side of both grid axes with values from the opposite side (a torus). */
function wrap(x: Tensor, p: number): Tensor {
  const [, , rows, cols] = x.shape;
  const tall = concat([x.narrow(2, rows - p, p), x, x.narrow(2, 0, p)], 2);
  return concat([tall.narrow(3, cols - p, p), tall, tall.narrow(3, 0, p)], 3);
}

export class TopographicSparseCoding extends SparseCoding {
  readonly groupSize: number;
  readonly smoothing: number;

  /** rows × cols code units on a torus, over D features. */
  constructor(features: number, readonly rows: number, readonly cols: number, { lambda = 0.1, seed = 0, groupSize = 3, smoothing = 0.01 }: TopographicOptions = {}) {
    super(features, rows * cols, { lambda, seed });
    if (!Number.isInteger(groupSize) || groupSize < 1 || groupSize % 2 === 0 || groupSize > Math.min(rows, cols)) {
      throw new RangeError(`TopographicSparseCoding: groupSize must be an odd integer from 1 to min(rows, cols) = ${Math.min(rows, cols)}, got ${groupSize}`);
    }
    if (!(smoothing > 0)) throw new RangeError(`TopographicSparseCoding: smoothing (ε) must be positive, got ${smoothing}`);
    this.groupSize = groupSize;
    this.smoothing = smoothing;
  }

  /** Each group's L2 norm (smoothed), [N, rows, cols]: the pooled features invariant PSD reads out. */
  groupNorms(z: Tensor): Tensor {
    const squares = z.square().reshape([z.shape[0], 1, this.rows, this.cols]);
    const pooled = sumPool(wrap(squares, (this.groupSize - 1) / 2), [this.groupSize, this.groupSize], { stride: 1 });
    return pooled.add(this.smoothing).sqrt().reshape([z.shape[0], this.rows, this.cols]);
  }

  override penalty(z: Tensor): Tensor {
    return this.groupNorms(z).reshape([z.shape[0], -1]).sum(1).mul(this.lambda);
  }

  /** The majorize–minimize step: v / (1 + step·w), w_j = λ Σ_{groups i ∋ j} 1/√(s_i(from) + ε). */
  override penaltyProx(v: Tensor, step: number, from: Tensor): Tensor {
    const { rows, cols, groupSize } = this;
    const inverseNorms = this.groupNorms(from).reciprocal().reshape([from.shape[0], 1, rows, cols]);
    // the groups that hold unit j are the windows around the units in j's own window
    const weights = sumPool(wrap(inverseNorms, (groupSize - 1) / 2), [groupSize, groupSize], { stride: 1 }).reshape(v.shape).mul(this.lambda);
    return v.div(weights.mul(step).add(1));
  }

  /**
   * How topographic the map is: the mean |cosine| between the atoms of grid neighbours (right and
   * down, on the torus) and, for comparison, between all pairs of atoms.
   */
  neighbourSimilarity(): { neighbours: number; allPairs: number } {
    const k = this.atoms;
    const cosines = noGrad(() => this.weight.matmul(this.weight.T).abs()).values;
    let neighbours = 0;
    let all = 0;
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) {
      const i = r * this.cols + c;
      neighbours += cosines[i * k + r * this.cols + ((c + 1) % this.cols)] + cosines[i * k + ((r + 1) % this.rows) * this.cols + c];
    }
    for (let i = 0; i < k * k; i++) all += cosines[i];
    // the diagonal holds k ones (unit-norm atoms)
    return { neighbours: neighbours / (2 * k), allPairs: (all - k) / (k * (k - 1)) };
  }
}
