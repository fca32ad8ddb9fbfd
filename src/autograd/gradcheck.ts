/**
 * Numerical gradient check: compares autograd's gradients with central finite differences computed
 * in float64, as the lectures' debugging checklist asks. To keep it one backward pass, the output is
 * projected on a fixed random direction v, and d(sum(v·f))/dx is checked element by element.
 */
import { noGrad } from "./mode.js";
import { cast } from "../ops/cast.js";
import { mul } from "../ops/arithmetic.js";
import { sum } from "../ops/reduce.js";
import { randn } from "../ops/creation.js";
import { Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { backward } from "./engine.js";

/** Step and tolerances of gradcheck: an entry passes when |autograd − numeric| ≤ atol + rtol·|numeric|. */
export interface GradcheckOptions {
  /** Finite-difference step. */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Seed of the projection direction. */
  seed?: number;
}

/** One gradient entry that failed: which input, which element, and the two values. */
export interface GradcheckMismatch {
  input: number;
  index: number;
  analytic: number;
  numeric: number;
}

/** Thrown by gradcheck, listing the entries whose gradients differ. */
export class GradcheckError extends Error {
  constructor(readonly mismatches: GradcheckMismatch[], total: number) {
    const shown = mismatches
      .slice(0, 5)
      .map((m) => `input ${m.input}[${m.index}]: autograd ${m.analytic.toPrecision(8)} vs finite difference ${m.numeric.toPrecision(8)}`)
      .join("; ");
    super(`gradcheck: ${mismatches.length} of ${total} gradient entries differ: ${shown}`);
    this.name = "GradcheckError";
  }
}

/**
 * Check fn's gradients wrt every float input. Inputs are copied to float64; int32 inputs (indices)
 * are passed through unchanged. Returns true, or throws a GradcheckError listing what differs.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): true {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, seed = 1234 } = options;
  const xs = inputs.map((t) => {
    if (t.dtype === "int32") return t;
    const copy = new Tensor(Float64Array.from(t.values), t.shape);
    copy.requiresGrad = true;
    return copy;
  });
  const probe = fn(...xs);
  const v = randn(probe.shape, { dtype: "float64", generator: new Generator(seed) });
  const project = (out: Tensor) => sum(mul(cast(out, "float64"), v));
  const objective = project(probe);
  backward(objective);

  const mismatches: GradcheckMismatch[] = [];
  let total = 0;
  xs.forEach((x, inputIndex) => {
    if (x.dtype === "int32") return;
    const analytic = x.grad?.values ?? new Float64Array(x.size);
    noGrad(() => {
      for (let i = 0; i < x.size; i++) {
        const original = x.values[i];
        x.values[i] = original + eps;
        const plus = project(fn(...xs)).values[0];
        x.values[i] = original - eps;
        const minus = project(fn(...xs)).values[0];
        x.values[i] = original;
        const numeric = (plus - minus) / (2 * eps);
        total++;
        if (!(Math.abs(analytic[i] - numeric) <= atol + rtol * Math.abs(numeric))) {
          mismatches.push({ input: inputIndex, index: i, analytic: analytic[i], numeric });
        }
      }
    });
  });
  if (mismatches.length > 0) throw new GradcheckError(mismatches, total);
  return true;
}
