/**
 * Training an RBM by contrastive divergence (CD-k) or persistent CD (Tieleman 2008), with the
 * momentum schedule and weight cost of Hinton's "A Practical Guide to Training RBMs" (2010).
 */
import { noGrad } from "../../autograd/index.js";
import { nextTurn } from "../../backend/turn.js";
import { matmulT, randperm } from "../../ops/index.js";
import { SGD } from "../../optim/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";
import { gibbsFromHidden } from "./gibbs.js";
import type { RBM } from "./rbm.js";
import { bernoulliOf, checkVisibleData } from "./visible-data.js";
import { assertFiniteGradients } from "../../train/guarded-step.js";
import { definedOnly } from "../../train/defined-only.js";

/** One phase of the CD statistics: visible vectors and the hidden probabilities p(h = 1 | v) they give. */
export interface Phase {
  visible: Tensor;
  hiddenProbabilities: Tensor;
}

/** ⟨·⟩_data − ⟨·⟩_model of each parameter's sufficient statistic, averaged over each phase's rows. */
export interface CdStatistics {
  /** ⟨h vᵀ⟩⁺ − ⟨h vᵀ⟩⁻, [hidden, visible]. */
  weight: Tensor;
  /** ⟨v⟩⁺ − ⟨v⟩⁻, [visible]. */
  visibleBias: Tensor;
  /** ⟨h⟩⁺ − ⟨h⟩⁻, [hidden]. */
  hiddenBias: Tensor;
}

/**
 * The CD update direction, positive minus negative statistics, by two batched matmuls. Hidden
 * statistics use p(h|v) rather than sampled states (less noise, same expectation; Hinton's guide §3).
 * The phases may have different row counts (persistent chains need not match the batch).
 */
export function cdStatistics(positive: Phase, negative: Phase): CdStatistics {
  const correlation = (p: Phase) => matmulT(p.hiddenProbabilities, p.visible, true, false).div(p.visible.shape[0]);
  return {
    weight: correlation(positive).sub(correlation(negative)),
    visibleBias: positive.visible.mean(0).sub(negative.visible.mean(0)),
    hiddenBias: positive.hiddenProbabilities.mean(0).sub(negative.hiddenProbabilities.mean(0)),
  };
}

export interface CdOptions {
  /** Gibbs steps per update (CD-k; default 1). */
  k?: number;
  /** Keep the negative chains from one update to the next (PCD) instead of restarting them at the data (default false). */
  persistent?: boolean;
  /** Learning rate (default 0.1, the guide's advice for binary units; use ~0.001 for Gaussian visible units). */
  lr?: number;
  /** Momentum for the first epochs (default 0.5), then finalMomentum (default 0.9) from epoch momentumSwitchEpoch + 1 (default 5). */
  momentum?: number;
  finalMomentum?: number;
  momentumSwitchEpoch?: number;
  /** L2 weight cost on the weights only, not the biases (default 2e-4). */
  weightDecay?: number;
  /** Accept visible values in [0, 1] as the means of binary units (Hinton's guide §3.2) instead of demanding 0/1 (default false). */
  probabilities?: boolean;
  generator?: Generator;
}

type Settings = Required<Omit<CdOptions, "generator">>;

export const CD_DEFAULTS: Settings = {
  k: 1, persistent: false, lr: 0.1, momentum: 0.5, finalMomentum: 0.9, momentumSwitchEpoch: 5, weightDecay: 2e-4, probabilities: false,
};

function checkSettings(s: Settings): void {
  if (!Number.isInteger(s.k) || s.k < 1) throw new RangeError(`ContrastiveDivergence: k (Gibbs steps per update) must be an integer ≥ 1, got ${s.k}`);
  for (const name of ["lr", "momentum", "finalMomentum", "weightDecay"] as const) {
    if (!(s[name] >= 0) || !Number.isFinite(s[name])) throw new RangeError(`ContrastiveDivergence: ${name} must be a finite number ≥ 0, got ${s[name]}`);
  }
}

/**
 * The trainer. Each update computes the statistics with ops under noGrad (the CD direction is not
 * the gradient of any loss the graph could differentiate) and applies their negation as `.grad`
 * through optim.SGD: its fused sgdStep kernel does momentum and weight decay in one pass, a
 * parameter group keeps the weight cost off the biases, and its state dict checkpoints the momentum.
 * PyTorch-style momentum (b ← μb + g; θ ← θ − lr·b) equals the guide's (Δ ← μΔ + lr·g) for a fixed lr.
 */
export class ContrastiveDivergence {
  readonly settings: Settings;
  readonly optimizer: SGD;
  /** The persistent chains' visible states (PCD), started at the first batch; null for CD-k or before the first update. */
  chains: Tensor | null = null;
  private readonly generator: Generator;

  constructor(readonly rbm: RBM, options: CdOptions = {}) {
    const { generator = defaultGenerator, ...rest } = options;
    this.settings = { ...CD_DEFAULTS, ...definedOnly(rest) };
    checkSettings(this.settings);
    this.generator = generator;
    const { lr, momentum, weightDecay } = this.settings;
    this.optimizer = new SGD([
      { params: [rbm.weight], weightDecay },
      { params: [rbm.visibleBias, rbm.hiddenBias], weightDecay: 0 },
    ], { lr, momentum });
  }

  /** Set the momentum the guide prescribes for this (1-based) epoch. */
  setEpoch(epoch: number): void {
    const momentum = epoch <= this.settings.momentumSwitchEpoch ? this.settings.momentum : this.settings.finalMomentum;
    for (const group of this.optimizer.paramGroups) group.momentum = momentum;
  }

  /** One update on a batch [N, visible] (not checked here: trainEpoch checks the whole data once); returns the squared reconstruction error per sample, ‖v − E[v | h⁰]‖². */
  step(batch: Tensor): number {
    const { rbm, generator } = this;
    const { k, persistent } = this.settings;
    const { statistics, error } = noGrad(() => {
      const positive = { visible: batch, hiddenProbabilities: rbm.hiddenProbabilities(batch) };
      const hidden = bernoulliOf(positive.hiddenProbabilities, generator);
      const reconstruction = rbm.visibleMean(hidden);
      const start = persistent ? rbm.sampleHidden(this.chains ?? batch, generator) : hidden;
      const visible = gibbsFromHidden(rbm, start, k, generator);
      if (persistent) this.chains = visible;
      const negative = { visible, hiddenProbabilities: rbm.hiddenProbabilities(visible) };
      return { statistics: cdStatistics(positive, negative), error: batch.sub(reconstruction).square().sum().itemSync() / batch.shape[0] };
    });
    // SGD descends, and CD ascends the likelihood: the "gradient" is negative minus positive.
    rbm.weight.grad = statistics.weight.neg();
    rbm.visibleBias.grad = statistics.visibleBias.neg();
    rbm.hiddenBias.grad = statistics.hiddenBias.neg();
    assertFiniteGradients(rbm, "contrastive divergence step", "as the RBM's weights have grown too large for its learning rate");
    this.optimizer.step();
    this.optimizer.zeroGrad();
    return error;
  }

  /**
   * One epoch (1-based, for the momentum schedule) over data [N, visible] in a random order;
   * returns the mean squared reconstruction error per sample. Yields a turn of the event loop
   * after each update, so the step's tensors go back to the fast backend memory (backend/turn.ts).
   */
  async trainEpoch(data: Tensor, epoch: number, batchSize = 100): Promise<number> {
    checkVisibleData(`train ${this.rbm.constructor.name}`, data, this.rbm.visible, this.settings.probabilities && this.rbm.visibleKind === "binary" ? "probabilities" : this.rbm.visibleKind);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`trainEpoch: batchSize must be a positive integer, got ${batchSize}`);
    this.setEpoch(epoch);
    const order = randperm(data.shape[0], { generator: this.generator });
    let errorSum = 0;
    for (let start = 0; start < data.shape[0]; start += batchSize) {
      const rows = order.narrow(0, start, Math.min(batchSize, data.shape[0] - start));
      errorSum += this.step(data.indexSelect(0, rows)) * rows.shape[0];
      await nextTurn();
    }
    return errorSum / data.shape[0];
  }
}
