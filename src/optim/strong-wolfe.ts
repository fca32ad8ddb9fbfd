/**
 * The strong-Wolfe line search of PyTorch 1.13's LBFGS (torch/optim/lbfgs.py, after Nocedal &
 * Wright, "Numerical Optimization", algorithms 3.5 and 3.6): bracket a step length, then zoom in by
 * cubic interpolation, step for step as PyTorch does so the iterates match.
 */

/** The loss and flat gradient at x + t·d. */
export type DirectionalEvaluate = (t: number) => { loss: number; grad: Float64Array };

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

export const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

/** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to bounds (default: between x1 and x2). */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square < 0) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2Square);
  const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return Math.min(Math.max(minPos, lo), hi);
}

interface Point {
  t: number;
  f: number;
  g: Float64Array;
  gtd: number;
}

/**
 * A step length t along d from the point with loss f, gradient g and slope gtd = g·d, meeting the
 * strong Wolfe conditions (c1 sufficient decrease, c2 curvature) if found within maxLs evaluations;
 * returns it with the loss and gradient there and the number of evaluations made.
 */
export function strongWolfe(
  evaluate: DirectionalEvaluate,
  t: number,
  d: Float64Array,
  f: number,
  g: Float64Array,
  gtd: number,
  { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25 } = {},
): { loss: number; grad: Float64Array; t: number; evals: number } {
  const dNorm = maxAbs(d);
  const at = (step: number): Point => {
    const { loss, grad } = evaluate(step);
    return { t: step, f: loss, g: grad, gtd: dot(grad, d) };
  };
  let next = at(t);
  let evals = 1;
  let prev: Point = { t: 0, f, g, gtd };
  let done = false;
  let bracket: Point[] | null = null;
  let lsIter = 0;
  // bracketing: grow the step until the interval [prev, next] holds a point meeting the conditions
  while (lsIter < maxLs) {
    if (next.f > f + c1 * next.t * gtd || (lsIter > 1 && next.f >= prev.f)) {
      bracket = [prev, next];
      break;
    }
    if (Math.abs(next.gtd) <= -c2 * gtd) {
      bracket = [next];
      done = true;
      break;
    }
    if (next.gtd >= 0) {
      bracket = [prev, next];
      break;
    }
    const step = cubicInterpolate(prev.t, prev.f, prev.gtd, next.t, next.f, next.gtd, [next.t + 0.01 * (next.t - prev.t), next.t * 10]);
    prev = next;
    next = at(step);
    evals++;
    lsIter++;
  }
  if (lsIter === maxLs) bracket = [{ t: 0, f, g, gtd }, next];
  // zoom: shrink the bracket by cubic interpolation, never too close to its ends
  let insufficientProgress = false;
  let [low, high] = bracket!.length === 1 || bracket![0].f <= bracket!.at(-1)!.f ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    const b = bracket!;
    if (Math.abs(b[1].t - b[0].t) * dNorm < toleranceChange) break;
    let step = cubicInterpolate(b[0].t, b[0].f, b[0].gtd, b[1].t, b[1].f, b[1].gtd);
    const top = Math.max(b[0].t, b[1].t);
    const bottom = Math.min(b[0].t, b[1].t);
    const eps = 0.1 * (top - bottom);
    if (Math.min(top - step, step - bottom) < eps) {
      if (insufficientProgress || step >= top || step <= bottom) {
        step = Math.abs(step - top) < Math.abs(step - bottom) ? top - eps : bottom + eps;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    const point = at(step);
    evals++;
    lsIter++;
    if (point.f > f + c1 * point.t * gtd || point.f >= b[low].f) {
      b[high] = point;
      [low, high] = b[0].f <= b[1].f ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(point.gtd) <= -c2 * gtd) done = true;
      else if (point.gtd * (b[high].t - b[low].t) >= 0) b[high] = b[low];
      b[low] = point;
    }
  }
  const best = bracket![low];
  return { loss: best.f, grad: best.g, t: best.t, evals };
}
