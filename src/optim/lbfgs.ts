/**
 * L-BFGS as PyTorch 1.13 defines it (torch.optim.LBFGS; Nocedal & Wright, "Numerical Optimization",
 * algorithm 7.4): each step(closure) runs up to maxIter iterations, each a two-loop recursion over
 * the last historySize curvature pairs (s, y) and a fixed step lr (the first scaled by 1/|g|₁) or a
 * strong-Wolfe line search. All parameters are treated as one flat vector, so there is one group.
 */
import type { Tensor } from "../tensor/index.js";
import { enableGrad } from "../autograd/index.js";
import { Optimizer, type BaseHyperParams, type ParamGroup, type ParamGroupOptions } from "./optimizer.js";
import { dot, maxAbs, strongWolfe } from "./strong-wolfe.js";
import { checkNumber } from "./validate.js";

export interface LBFGSOptions extends BaseHyperParams {
  /** Most iterations per step(). Default 20. */
  maxIter: number;
  /** Most loss evaluations per step(). Default maxIter · 5/4 (rounded down). */
  maxEval: number;
  /** Stop when the largest gradient entry is at most this. Default 1e-7. */
  toleranceGrad: number;
  /** Stop when the loss or the step changes by less than this. Default 1e-9. */
  toleranceChange: number;
  /** Curvature pairs kept. Default 100. */
  historySize: number;
  /** "strongWolfe" (PyTorch's "strong_wolfe") for a line search; null for fixed steps of lr. Default null. */
  lineSearchFn: "strongWolfe" | null;
}

/** The closure step() needs: it zeroes the gradients, computes the loss, calls backward() and returns the loss. */
export type Closure = () => Tensor | number;

/** What carries over from one step() to the next (PyTorch's state on the first parameter). */
interface History {
  d: Float64Array;
  t: number;
  oldDirs: Float64Array[];
  oldSteps: Float64Array[];
  ro: number[];
  hDiag: number;
  prevGrad: Float64Array;
  prevLoss: number;
}

/**
 * Quasi-Newton minimisation for full-batch problems. The state dict keeps the counters funcEvals
 * and nIter (on the first parameter, as PyTorch does) but not the curvature history, which a
 * loaded optimiser rebuilds within historySize iterations.
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  private history: History | null = null;

  constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<LBFGSOptions>>, options: Partial<LBFGSOptions> = {}) {
    const maxIter = options.maxIter ?? 20;
    super(params, options, { lr: 1, maxIter, maxEval: Math.floor((maxIter * 5) / 4), toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearchFn: null, weightDecay: 0, maximize: false });
    if (this.paramGroups.length !== 1) throw new Error(`LBFGS: takes one parameter group (it treats all parameters as one vector), got ${this.paramGroups.length}`);
  }

  protected override validate(group: ParamGroup<LBFGSOptions>): void {
    for (const key of ["maxIter", "maxEval", "historySize"] as const) {
      if (!Number.isInteger(group[key]) || group[key] < 1) throw new RangeError(`LBFGS: ${key} must be a positive integer, got ${group[key]}`);
    }
    checkNumber(this.name, "toleranceGrad", group.toleranceGrad, { min: 0 });
    checkNumber(this.name, "toleranceChange", group.toleranceChange, { min: 0 });
    if (group.lineSearchFn !== null && group.lineSearchFn !== "strongWolfe") throw new TypeError(`LBFGS: lineSearchFn must be "strongWolfe" or null, got ${JSON.stringify(group.lineSearchFn)}`);
    if (group.weightDecay !== 0 || group.maximize) throw new TypeError("LBFGS: has no weightDecay or maximize (as in PyTorch); add a penalty to the closure's loss, or negate it");
  }

  protected override updateParam(): never {
    throw new Error("LBFGS: updates all parameters together in step(closure)");
  }

  private get params(): Tensor[] {
    return this.paramGroups[0].params;
  }

  /** The parameters' gradients as one vector (zeros for a parameter without one). */
  private flatGrad(): Float64Array {
    const out = new Float64Array(this.params.reduce((n, p) => n + p.size, 0));
    let offset = 0;
    for (const p of this.params) {
      if (p.grad) out.set(p.grad.values, offset);
      offset += p.size;
    }
    return out;
  }

  /** θ ← θ + t·d. */
  private addToParams(t: number, d: Float64Array): void {
    let offset = 0;
    for (const p of this.params) {
      const v = p.values;
      for (let i = 0; i < v.length; i++) v[i] += t * d[offset + i];
      offset += p.size;
    }
  }

  private evaluate(closure: Closure): { loss: number; grad: Float64Array } {
    const value = enableGrad(closure);
    return { loss: typeof value === "number" ? value : value.itemSync(), grad: this.flatGrad() };
  }

  /** Runs up to maxIter iterations; returns the loss at the start (the first evaluation), as PyTorch does. */
  override step(closure?: Closure): number {
    if (typeof closure !== "function") throw new TypeError("LBFGS.step: needs a closure that zeroes the gradients, computes the loss, calls backward() and returns the loss");
    const { lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn } = this.paramGroups[0];
    const counters = this.state.get(this.params[0]) ?? { funcEvals: 0, nIter: 0 };
    this.state.set(this.params[0], counters);
    let { loss, grad } = this.evaluate(closure);
    const origLoss = loss;
    let currentEvals = 1;
    counters.funcEvals = (counters.funcEvals as number) + 1;
    if (maxAbs(grad) <= toleranceGrad) return origLoss;

    const h = this.history;
    // a fresh optimiser, or one just loaded (its curvature pairs are not saved), starts along −g
    const fresh = h === null;
    let { d, t, hDiag, prevGrad, prevLoss } = h ?? { d: new Float64Array(0), t: lr, hDiag: 1, prevGrad: new Float64Array(0), prevLoss: loss };
    let oldDirs = h?.oldDirs ?? [];
    let oldSteps = h?.oldSteps ?? [];
    let ro = h?.ro ?? [];
    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      counters.nIter = (counters.nIter as number) + 1;
      const first = fresh && nIter === 1;
      if (first) {
        d = grad.map((g) => -g);
        oldDirs = [];
        oldSteps = [];
        ro = [];
        hDiag = 1;
      } else {
        const y = grad.map((g, i) => g - prevGrad[i]);
        const s = d.map((di) => di * t);
        const ys = dot(y, s);
        if (ys > 1e-10) {
          if (oldDirs.length === historySize) {
            oldDirs.shift();
            oldSteps.shift();
            ro.shift();
          }
          oldDirs.push(y);
          oldSteps.push(s);
          ro.push(1 / ys);
          hDiag = ys / dot(y, y);
        }
        d = twoLoop(grad, oldDirs, oldSteps, ro, hDiag);
      }
      prevGrad = grad.slice();
      prevLoss = loss;
      t = first ? Math.min(1, 1 / grad.reduce((a, g) => a + Math.abs(g), 0)) * lr : lr;
      const gtd = dot(grad, d);
      if (gtd > -toleranceChange) break;

      let lsEvals = 0;
      let optimal = false;
      if (lineSearchFn === "strongWolfe") {
        const x = this.params.map((p) => p.values.slice());
        const search = strongWolfe(
          (step) => {
            this.addToParams(step, d);
            const result = this.evaluate(closure);
            this.params.forEach((p, i) => p.values.set(x[i]));
            return result;
          },
          t, d, loss, grad, gtd,
        );
        ({ loss, grad, t } = search);
        lsEvals = search.evals;
        this.addToParams(t, d);
        optimal = maxAbs(grad) <= toleranceGrad;
      } else {
        this.addToParams(t, d);
        // the last iteration leaves the loss to the next step()'s first evaluation
        if (nIter !== maxIter) {
          ({ loss, grad } = this.evaluate(closure));
          optimal = maxAbs(grad) <= toleranceGrad;
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      counters.funcEvals = (counters.funcEvals as number) + lsEvals;
      if (nIter === maxIter || currentEvals >= maxEval || optimal) break;
      if (maxAbs(d) * Math.abs(t) <= toleranceChange || Math.abs(loss - prevLoss) < toleranceChange) break;
    }
    this.history = { d, t, oldDirs, oldSteps, ro, hDiag, prevGrad, prevLoss };
    return origLoss;
  }

  override loadStateDict(stateDict: Parameters<Optimizer["loadStateDict"]>[0]): void {
    super.loadStateDict(stateDict);
    this.history = null;
  }
}

/** The two-loop recursion: −H·grad for the inverse-Hessian estimate H the pairs (s, y) and γ = hDiag define. */
function twoLoop(grad: Float64Array, oldDirs: Float64Array[], oldSteps: Float64Array[], ro: number[], hDiag: number): Float64Array {
  const q = grad.map((g) => -g);
  const al = new Array<number>(oldDirs.length);
  for (let i = oldDirs.length - 1; i >= 0; i--) {
    al[i] = dot(oldSteps[i], q) * ro[i];
    const y = oldDirs[i];
    for (let j = 0; j < q.length; j++) q[j] -= al[i] * y[j];
  }
  const r = q.map((v) => v * hDiag);
  for (let i = 0; i < oldDirs.length; i++) {
    const be = dot(oldDirs[i], r) * ro[i];
    const s = oldSteps[i];
    for (let j = 0; j < r.length; j++) r[j] += (al[i] - be) * s[j];
  }
  return r;
}
