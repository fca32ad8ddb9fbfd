/**
 * Group sparsity with overlapping groups on a 2-D grid of code units — topographic sparse coding,
 * the penalty of invariant PSD (Kavukcuoglu, Ranzato, Fergus & LeCun 2009):
 *
 *   P(Z) = λ Σ_i √(Σ_{j ∈ group i} z_j² + ε)
 *
 * with a group for every unit of a rows × cols torus, the g × g window around it. An L2 norm per
 * group lets units in one group be active together at little extra cost, so neighbours on the
 * grid learn similar filters (the same edge at nearby orientations or phases) and the map becomes
 * topographic. Overlapping groups have no closed-form prox, so the penalty is smoothed by ε and
 * taken through its gradient (by autograd) with Lipschitz constant λ·g²/√ε.
 */
import { enableGrad, grad, noGrad } from "../../autograd/index.js";
import { concat, sumPool } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import type { PenaltyStep } from "./sparse-coder.js";
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

  override penaltyStep(): PenaltyStep {
    return {
      prox: (v) => v,
      gradient: (z) => enableGrad(() => {
        const leaf = z.detach().requiresGrad_();
        return grad(this.penalty(leaf).sum(), [leaf])[0];
      }),
      lipschitz: (this.lambda * this.groupSize ** 2) / Math.sqrt(this.smoothing),
    };
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
