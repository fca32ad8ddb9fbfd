/**
 * Fused training-mode batch normalisation, forward and backward. The input is viewed as
 * [N, C, S]: axis 1 holds the channels and S is the product of the dimensions after it (1 for a
 * [N, C] input), so each channel's elements are N contiguous runs of length S. Sums accumulate in
 * JavaScript doubles, whatever the dtype of x.
 */
import type { BatchNormGradients, BatchNormOutput, TensorData } from "../kernels.js";
import { result } from "./util.js";

/** [N, C, S] for a tensor of at least two dimensions. */
function channelLayout(shape: readonly number[]): [number, number, number] {
  let inner = 1;
  for (let d = 2; d < shape.length; d++) inner *= shape[d];
  return [shape[0], shape[1], inner];
}

/** Σ over channel `ch` of x (and of (x − shift)² when squared), visiting its N runs of length S. */
function channelSum(xv: ArrayLike<number>, ch: number, n: number, c: number, s: number, shift: number, squared: boolean): number {
  let total = 0;
  for (let b = 0; b < n; b++) {
    const base = (b * c + ch) * s;
    if (squared) {
      for (let i = 0; i < s; i++) {
        const d = xv[base + i] - shift;
        total += d * d;
      }
    } else {
      for (let i = 0; i < s; i++) total += xv[base + i];
    }
  }
  return total;
}

/**
 * Per channel: the batch mean μ and biased variance σ² over N·S elements (two passes, so large
 * means do not cost precision), then out = (x − μ)/√(σ² + eps)·weight + bias.
 */
export function batchNormForward(x: TensorData, weight: TensorData | null, bias: TensorData | null, eps: number): BatchNormOutput {
  const [n, c, s] = channelLayout(x.shape);
  const count = n * s;
  const out = result(x.shape, x.dtype);
  const mean = result([c], x.dtype);
  const variance = result([c], x.dtype);
  const xv = x.values;
  const ov = out.values;
  for (let ch = 0; ch < c; ch++) {
    const mu = channelSum(xv, ch, n, c, s, 0, false) / count;
    const v = channelSum(xv, ch, n, c, s, mu, true) / count;
    const scale = (weight ? weight.values[ch] : 1) / Math.sqrt(v + eps);
    const shift = bias ? bias.values[ch] : 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * s;
      for (let i = base; i < base + s; i++) ov[i] = (xv[i] - mu) * scale + shift;
    }
    mean.values[ch] = mu;
    variance.values[ch] = v;
  }
  return { out, mean, variance };
}

/**
 * Gradients of batchNormForward given dLoss/dOut `grad` and the statistics it returned. With
 * x̂ = (x − μ)·r, r = 1/√(σ² + eps) and M = N·S elements per channel:
 *   dBias = Σ g,  dWeight = Σ g·x̂,  dx = weight·r·(g − dBias/M − x̂·dWeight/M)
 * (the last two terms are the gradient flowing through μ and σ², which depend on every element).
 */
export function batchNormBackward(
  x: TensorData,
  grad: TensorData,
  mean: TensorData,
  variance: TensorData,
  weight: TensorData | null,
  eps: number,
): BatchNormGradients {
  const [n, c, s] = channelLayout(x.shape);
  const count = n * s;
  const gradInput = result(x.shape, x.dtype);
  const gradWeight = result([c], x.dtype);
  const gradBias = result([c], x.dtype);
  const xv = x.values;
  const gv = grad.values;
  const dv = gradInput.values;
  for (let ch = 0; ch < c; ch++) {
    const mu = mean.values[ch];
    const r = 1 / Math.sqrt(variance.values[ch] + eps);
    let sumG = 0;
    let sumGX = 0; // Σ g·(x − μ)
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * s;
      for (let i = base; i < base + s; i++) {
        sumG += gv[i];
        sumGX += gv[i] * (xv[i] - mu);
      }
    }
    const scale = (weight ? weight.values[ch] : 1) * r;
    // dx = scale·g − scale·dBias/M − (x − μ)·scale·r·dWeight/M, with dWeight = r·sumGX
    const meanTerm = (scale * sumG) / count;
    const slope = (scale * r * r * sumGX) / count;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * s;
      for (let i = base; i < base + s; i++) dv[i] = scale * gv[i] - meanTerm - (xv[i] - mu) * slope;
    }
    gradWeight.values[ch] = sumGX * r;
    gradBias.values[ch] = sumG;
  }
  return { gradInput, gradWeight, gradBias };
}
