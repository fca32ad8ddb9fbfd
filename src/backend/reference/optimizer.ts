/**
 * The fused optimiser steps on the reference backend: one loop over a parameter, its gradient and
 * its state, in float64 arithmetic rounded on each store (the oracle the wasm kernels are checked
 * against; src/optim states each rule).
 */
import type { AdamStepParams, MutableTensorData, SgdStepParams, StepHyperParams, TensorData } from "../kernels.js";

/** The gradient the rule sees at i: negated when maximising, plus weightDecay·θ. */
function gradientAt(g: TensorData["values"], p: MutableTensorData["values"], i: number, h: StepHyperParams): number {
  return (h.maximize ? -g[i] : g[i]) + h.weightDecay * p[i];
}

export function sgdStep(param: MutableTensorData, grad: TensorData, momentumBuffer: MutableTensorData | null, h: SgdStepParams): void {
  const p = param.values;
  const g = grad.values;
  const buf = momentumBuffer?.values;
  for (let i = 0; i < p.length; i++) {
    const d = gradientAt(g, p, i, h);
    if (!buf) {
      p[i] -= h.lr * d;
      continue;
    }
    buf[i] = h.first ? d : h.momentum * buf[i] + (1 - h.dampening) * d;
    p[i] -= h.lr * (h.nesterov ? d + h.momentum * buf[i] : buf[i]);
  }
}

export function adamStep(
  param: MutableTensorData, grad: TensorData, expAvg: MutableTensorData, expAvgSq: MutableTensorData, maxExpAvgSq: MutableTensorData | null, h: AdamStepParams,
): void {
  const p = param.values;
  const g = grad.values;
  const m = expAvg.values;
  const v = expAvgSq.values;
  const vmax = maxExpAvgSq?.values;
  for (let i = 0; i < p.length; i++) {
    if (h.shrink !== 1) p[i] *= h.shrink;
    const d = gradientAt(g, p, i, h);
    m[i] = h.beta1 * m[i] + (1 - h.beta1) * d;
    v[i] = h.beta2 * v[i] + (1 - h.beta2) * d * d;
    let second = v[i];
    if (vmax) second = vmax[i] = Math.max(vmax[i], second);
    p[i] -= (h.stepSize * m[i]) / (Math.sqrt(second) / h.biasCorrection2Sqrt + h.eps);
  }
}
