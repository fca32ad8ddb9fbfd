/**
 * What every sparse coder shares, dense or convolutional: a dictionary of unit-norm atoms (the
 * rows of `weight`, W_d's columns), the energy
 *
 *   E(Y, Z) = ½‖Y − W_d Z‖² + λ‖Z‖₁
 *
 * (the ½ is this library's convention throughout: ∇ = W_dᵀ(W_d Z − Y), ISTA's threshold is λ/L,
 * and scikit-learn's sparse_encode(alpha = λ) solves the same problem), and inference of
 * Z* = argmin_Z E by ISTA or FISTA. Energy shaping: sparsity — few codes can be sparse, so few
 * inputs can be reconstructed well.
 */
import { noGrad } from "../../autograd/index.js";
import { Module, Parameter } from "../../nn/index.js";
import { zeros } from "../../ops/index.js";
import { fmtShape, type Tensor } from "../../tensor/index.js";
import type { EnergyModel, EnergyShaping } from "../energy.js";
import { largestEigenvalue, type LinearOperator } from "./linear-operator.js";
import { fista, ista, type IterationOptions, type ProximalProblem } from "./proximal-gradient.js";
import { shrink } from "./shrink.js";

export interface InferOptions {
  /** "fista" (default) or "ista". */
  method?: "ista" | "fista";
  /** Default 200. */
  iterations?: number;
  /** The starting code (default zeros). */
  init?: Tensor;
  onIteration?: IterationOptions["onIteration"];
}

/**
 * The fraction of code units that are active: above 1e-3 in magnitude. Shrinkage leaves exact
 * zeros, but group sparsity's majorize–minimize step only drives quiet units towards zero.
 */
export function activeFraction(codes: Tensor): number {
  return codes.abs().gt(1e-3).float().mean().itemSync();
}

export function checkLambda(who: string, lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`${who}: lambda (the sparsity weight) must be a finite number ≥ 0, got ${lambda}`);
}

export abstract class SparseCoder extends Module implements EnergyModel {
  readonly energyShaping: readonly EnergyShaping[] = ["sparsity"];
  /** The atoms, one per row: [K, D] for patches, [K, C, kh, kw] for convolutional filters. */
  weight: Parameter;

  constructor(weight: Tensor, public lambda: number) {
    super();
    const who = this.constructor.name;
    checkLambda(who, lambda);
    if (weight.ndim < 2 || weight.size === 0) throw new RangeError(`${who}: the dictionary is empty (weight of shape ${fmtShape(weight.shape)}); give it at least one atom of at least one element`);
    this.weight = new Parameter(weight);
    this.normalizeAtoms_();
  }

  /** Number of atoms K. */
  get atoms(): number {
    return this.weight.shape[0];
  }

  /** W_d Z: the signals the codes z reconstruct. */
  abstract reconstruct(z: Tensor): Tensor;
  /** W_dᵀ r: a signal-shaped r carried back to code shape. */
  abstract adjoint(r: Tensor): Tensor;
  /** The shape of one sample's code (with a leading 1) for signals shaped like `signals`. */
  abstract codeShape(signals: Tensor): number[];
  /** y checked (finite, the right shape) and reshaped as reconstruct's output is. */
  abstract signals(y: Tensor): Tensor;

  /** The dictionary as an operator on the codes of signals shaped like `signals`. */
  operatorFor(signals: Tensor): LinearOperator {
    return { apply: (z) => this.reconstruct(z), adjoint: (r) => this.adjoint(r), codeShape: this.codeShape(signals) };
  }

  /** The sparsity penalty of each sample's code, [N]: λ‖z‖₁ (group sparsity overrides it). */
  penalty(z: Tensor): Tensor {
    return z.abs().reshape([z.shape[0], -1]).sum(1).mul(this.lambda);
  }

  /**
   * The penalty's proximal step (see ProximalProblem.prox): shrinkage by λ·step for λ‖·‖₁; group
   * sparsity overrides it with a majorize–minimize step at `from`.
   */
  penaltyProx(v: Tensor, step: number, _from: Tensor): Tensor {
    return shrink(v, this.lambda * step);
  }

  energy(y: Tensor, z: Tensor): Tensor {
    const signals = this.signals(y);
    const residual = signals.sub(this.reconstruct(z));
    return residual.square().reshape([residual.shape[0], -1]).sum(1).mul(0.5).add(this.penalty(z));
  }

  /** L = λ_max(W_dᵀ W_d) for signals shaped like y, by power iteration. */
  lipschitz(y: Tensor): number {
    return largestEigenvalue(this.operatorFor(this.signals(y)));
  }

  /**
   * The proximal problem of E(y, ·) (plus ½α‖z − target‖² when given — PSD's prediction term):
   * ∇ = W_dᵀ(W_d z − y) + α(z − target), Lipschitz L + α.
   */
  problem(y: Tensor, pull?: { alpha: number; target: Tensor }, lipschitz?: number): ProximalProblem {
    const signals = this.signals(y);
    const op = this.operatorFor(signals);
    const L = lipschitz ?? largestEigenvalue(op);
    return {
      lipschitz: L + (pull?.alpha ?? 0),
      gradient: (z) => {
        const g = op.adjoint(op.apply(z).sub(signals));
        return pull ? g.add(z.sub(pull.target).mul(pull.alpha)) : g;
      },
      prox: (v, step, from) => this.penaltyProx(v, step, from),
    };
  }

  /** A zero code for y. */
  zeroCode(y: Tensor): Tensor {
    return zeros(this.codeShape(this.signals(y)).map((d, i) => (i === 0 ? y.shape[0] : d)));
  }

  /** Z* by FISTA (default, 200 iterations) or ISTA, from zero or `init`. */
  infer(y: Tensor, { method = "fista", iterations = 200, init, onIteration }: InferOptions = {}): Tensor {
    const solve = method === "ista" ? ista : method === "fista" ? fista : null;
    if (!solve) throw new TypeError(`${this.constructor.name}.infer: method must be "ista" or "fista", got ${JSON.stringify(method)}`);
    return solve(this.problem(y), init ?? this.zeroCode(y), { iterations, onIteration });
  }

  /** The module's forward is inference: the optimal codes of y. */
  forward(y: Tensor): Tensor {
    return this.infer(y);
  }

  /** Rescale every atom to unit L2 norm, in place (an atom of all zeros is left as it is). */
  normalizeAtoms_(): void {
    noGrad(() => {
      const rows = this.weight.reshape([this.atoms, -1]);
      const norms = rows.square().sum(1, true).sqrt().maximum(1e-12);
      this.weight.values.set(rows.div(norms).values);
    });
  }
}
