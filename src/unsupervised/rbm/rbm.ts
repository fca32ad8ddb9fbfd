/** The restricted Boltzmann machine both kinds share: parameters, conditionals, energy, free energy; binary-rbm.ts and gaussian-rbm.ts add the visible units' law. */
import { matmulT, randn, zeros } from "../../ops/index.js";
import { linear } from "../../nn/functional/index.js";
import { Module, Parameter } from "../../nn/index.js";
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";
import type { EnergyModel, EnergyShaping } from "../energy.js";
import { bernoulliOf, type VisibleKind } from "./visible-data.js";

export interface RbmOptions {
  /** Draws the initial weights (default: the global generator). */
  generator?: Generator;
}

function checkUnits(who: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${who}: ${name} must be a positive integer (the number of ${name} units), got ${n}`);
}

/**
 * An RBM with energy E(v, h) = visibleEnergy(v) − cᵀh − vᵀWᵀh over binary hidden units h.
 * `weight` is [hidden, visible] (the layout of nn.Linear(visible, hidden), so a trained RBM
 * unrolls into a Linear layer by copying); initialised as Hinton's practical guide says:
 * weights 0.01·N(0, 1), biases 0 (set the visible biases from the data with dataLogOdds).
 *
 * Energy shaping: contrastive divergence. The energy is pushed down on data and up on the
 * samples the model's own Gibbs chain reaches (CD-k, or persistent chains: see
 * ContrastiveDivergence), which keeps it from being low everywhere.
 */
export abstract class RBM extends Module implements EnergyModel {
  readonly energyShaping: readonly EnergyShaping[] = ["contrastive-divergence"];
  /** W, [hidden, visible]. */
  weight: Parameter;
  /** b, [visible]. */
  visibleBias: Parameter;
  /** c, [hidden]. */
  hiddenBias: Parameter;
  /** What the visible units may hold (checked by training, sampling from data, and evaluation). */
  abstract readonly visibleKind: VisibleKind;

  constructor(readonly visible: number, readonly hidden: number, { generator = defaultGenerator }: RbmOptions = {}) {
    super();
    checkUnits(new.target.name, "visible", visible);
    checkUnits(new.target.name, "hidden", hidden);
    this.weight = new Parameter(randn([hidden, visible], { std: 0.01, generator }));
    this.visibleBias = new Parameter(zeros([visible]));
    this.hiddenBias = new Parameter(zeros([hidden]));
  }

  /** The energy of v alone: −bᵀv for binary units, ½‖v − b‖² for unit-variance Gaussian ones; [N]. */
  abstract visibleEnergy(v: Tensor): Tensor;
  /** E[v | h] from the visible units' total input b + Wᵀh ([N, visible]). */
  abstract visibleMeanFromInput(input: Tensor): Tensor;
  /** A draw of v | h given the mean E[v | h]. */
  abstract sampleVisibleFromMean(mean: Tensor, generator: Generator): Tensor;

  /** c + W v: each hidden unit's total input, [N, hidden]. */
  hiddenInput(v: Tensor): Tensor {
    return linear(v, this.weight, this.hiddenBias);
  }

  /** b + Wᵀh: each visible unit's total input, [N, visible]. */
  visibleInput(h: Tensor): Tensor {
    return matmulT(h, this.weight, false, false).add(this.visibleBias);
  }

  /** p(h_j = 1 | v) = σ(c_j + W_j·v), [N, hidden]. */
  hiddenProbabilities(v: Tensor): Tensor {
    return this.hiddenInput(v).sigmoid();
  }

  /** A draw of h ~ p(h | v). */
  sampleHidden(v: Tensor, generator: Generator = defaultGenerator): Tensor {
    return bernoulliOf(this.hiddenProbabilities(v), generator);
  }

  /** E[v | h], [N, visible]. */
  visibleMean(h: Tensor): Tensor {
    return this.visibleMeanFromInput(this.visibleInput(h));
  }

  /** A draw of v ~ p(v | h). */
  sampleVisible(h: Tensor, generator: Generator = defaultGenerator): Tensor {
    return this.sampleVisibleFromMean(this.visibleMean(h), generator);
  }

  /** E(v, h) = visibleEnergy(v) − Σ_j h_j (c_j + W_j·v) of each pair of rows: v [N, visible], h [N, hidden] → [N]. */
  energy(v: Tensor, h: Tensor): Tensor {
    return this.visibleEnergy(v).sub(h.mul(this.hiddenInput(v)).sum(1));
  }

  /**
   * The code of least energy, argmin_h E(v, h): h_j = 1 exactly where c_j + W_j·v > 0 (the mode
   * of p(h | v)); [N, hidden]. hiddenProbabilities gives the posterior means instead.
   */
  infer(v: Tensor): Tensor {
    return this.hiddenInput(v).gt(0).float();
  }

  /**
   * F_β(v) = −(1/β) log Σ_h exp(−β E(v, h)), summed exactly over the 2^hidden codes: the hidden
   * units factorise, so F_β(v) = visibleEnergy(v) − (1/β) Σ_j softplus(β (c_j + W_j·v)).
   * β = 1 is the usual free energy (p(v) ∝ exp(−F(v))); β = Infinity gives min_h E(v, h).
   */
  freeEnergy(v: Tensor, beta = 1): Tensor {
    if (!(beta > 0)) throw new RangeError(`${this.constructor.name}.freeEnergy: beta must be positive (Infinity for min_h E), got ${beta}`);
    const input = this.hiddenInput(v);
    const hiddenTerm = beta === Infinity ? input.relu().sum(1) : input.mul(beta).softplus().sum(1).div(beta);
    return this.visibleEnergy(v).sub(hiddenTerm);
  }

  /** The RBM as an encoder: p(h = 1 | v). */
  forward(v: Tensor): Tensor {
    return this.hiddenProbabilities(v);
  }

  override extraRepr(): string {
    return `visible=${this.visible}, hidden=${this.hidden}`;
  }
}
