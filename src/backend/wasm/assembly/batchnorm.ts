// Training-mode batch norm of float32 x viewed as [N, C, S]: channel ch is the N runs of S floats
// at (b·C + ch)·S. One item per channel, so threads split the channels; a channel's passes then
// reread data still in cache. Sums accumulate in f64, as the reference does.
import { arg } from "./jobs";
import { BatchNormBackwardSlot, BatchNormSlot } from "../layout/row-slots";
import { laneSum, promoteHigh, sumRun } from "./reduce-runs";

/** The f64 in slots 0–1 (eps): the args block is 16-byte aligned, so this is an aligned load. */
// @ts-ignore: decorator
@inline function epsArg(args: usize): f64 {
  return load<f64>(args);
}

/** Byte offset of channel ch's run in batch entry b. */
// @ts-ignore: decorator
@inline function runAt(b: i32, ch: i32, c: i32, s: i32): usize {
  return <usize>((b * c + ch) * s) << 2;
}

/**
 * Slots: eps (f64, 2 slots) x out n c s weight bias mean variance channelsPerChunk; weight and bias
 * are 0 when absent. Per channel: μ and the biased σ² (two passes, so a large mean costs no
 * precision), then out = (x − μ)·weight/√(σ² + eps) + bias. μ is split into two floats so
 * that x − μ is formed in f32 as accurately as in f64.
 */
export function batchNormForwardChunk(args: usize, chunk: i32, worker: i32): void {
  const eps = epsArg(args), x = <usize>arg(args, BatchNormSlot.X), out = <usize>arg(args, BatchNormSlot.Out);
  const n = arg(args, BatchNormSlot.N), c = arg(args, BatchNormSlot.C), s = arg(args, BatchNormSlot.S);
  const weight = <usize>arg(args, BatchNormSlot.Weight), bias = <usize>arg(args, BatchNormSlot.Bias);
  const mean = <usize>arg(args, BatchNormSlot.Mean), variance = <usize>arg(args, BatchNormSlot.Variance), perChunk = arg(args, BatchNormSlot.PerChunk);
  const count = <f64>n * s;
  const last = min((chunk + 1) * perChunk, c);
  for (let ch = chunk * perChunk; ch < last; ch++) {
    let total: f64 = 0;
    for (let b = 0; b < n; b++) total += sumRun(x + runAt(b, ch, c, s), s);
    const mu = total / count;
    const muHi = <f32>mu, muLo = <f32>(mu - muHi);
    let squares: f64 = 0;
    for (let b = 0; b < n; b++) squares += squaredDeviations(x + runAt(b, ch, c, s), s, muHi, muLo);
    const v = squares / count;
    const scale = <f32>((weight ? <f64>load<f32>(weight + (<usize>ch << 2)) : 1) / Math.sqrt(v + eps));
    const shift: f32 = bias ? load<f32>(bias + (<usize>ch << 2)) : 0;
    for (let b = 0; b < n; b++) normalize(x + runAt(b, ch, c, s), out + runAt(b, ch, c, s), s, muHi, muLo, scale, shift);
    store<f32>(mean + (<usize>ch << 2), <f32>mu);
    store<f32>(variance + (<usize>ch << 2), <f32>v);
  }
}

/** Σ (x − (muHi + muLo))² over n floats at p, the differences in f32 and the squares summed in f64. */
function squaredDeviations(p: usize, n: i32, muHi: f32, muLo: f32): f64 {
  const hi = f32x4.splat(muHi), lo = f32x4.splat(muLo);
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d = f32x4.sub(f32x4.sub(v128.load(p + (<usize>i << 2)), hi), lo);
    const dLo = f64x2.promote_low_f32x4(d), dHi = promoteHigh(d);
    a0 = f64x2.add(a0, f64x2.mul(dLo, dLo));
    a1 = f64x2.add(a1, f64x2.mul(dHi, dHi));
  }
  let total = laneSum(f64x2.add(a0, a1));
  for (; i < n; i++) {
    const d = <f64>(load<f32>(p + (<usize>i << 2)) - muHi - muLo);
    total += d * d;
  }
  return total;
}

/** q = (p − (muHi + muLo))·scale + shift over n floats. */
function normalize(p: usize, q: usize, n: i32, muHi: f32, muLo: f32, scale: f32, shift: f32): void {
  const hi = f32x4.splat(muHi), lo = f32x4.splat(muLo), sc = f32x4.splat(scale), sh = f32x4.splat(shift);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(q + at, f32x4.add(f32x4.mul(f32x4.sub(f32x4.sub(v128.load(p + at), hi), lo), sc), sh));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(q + at, (load<f32>(p + at) - muHi - muLo) * scale + shift);
  }
}

/**
 * Slots: eps (f64, 2 slots) x grad gradInput n c s mean variance weight gradWeight gradBias
 * channelsPerChunk (weight 0 when absent). With x̂ = (x − μ)·r, r = 1/√(σ² + eps) and M = N·S:
 * dBias = Σ g, dWeight = Σ g·x̂, dx = weight·r·(g − dBias/M − x̂·dWeight/M), as the reference.
 */
export function batchNormBackwardChunk(args: usize, chunk: i32, worker: i32): void {
  const eps = epsArg(args), x = <usize>arg(args, BatchNormBackwardSlot.X), grad = <usize>arg(args, BatchNormBackwardSlot.Grad);
  const gradInput = <usize>arg(args, BatchNormBackwardSlot.GradInput);
  const n = arg(args, BatchNormBackwardSlot.N), c = arg(args, BatchNormBackwardSlot.C), s = arg(args, BatchNormBackwardSlot.S);
  const mean = <usize>arg(args, BatchNormBackwardSlot.Mean), variance = <usize>arg(args, BatchNormBackwardSlot.Variance);
  const weight = <usize>arg(args, BatchNormBackwardSlot.Weight), gradWeight = <usize>arg(args, BatchNormBackwardSlot.GradWeight);
  const gradBias = <usize>arg(args, BatchNormBackwardSlot.GradBias), perChunk = arg(args, BatchNormBackwardSlot.PerChunk);
  const count = <f64>n * s;
  const last = min((chunk + 1) * perChunk, c);
  for (let ch = chunk * perChunk; ch < last; ch++) {
    const at = <usize>ch << 2;
    const mu = load<f32>(mean + at);
    const r = 1 / Math.sqrt(<f64>load<f32>(variance + at) + eps);
    let sums = f64x2.splat(0);
    for (let b = 0; b < n; b++) sums = f64x2.add(sums, gradientSums(grad + runAt(b, ch, c, s), x + runAt(b, ch, c, s), s, mu));
    const sumG = f64x2.extract_lane(sums, 0), sumGX = f64x2.extract_lane(sums, 1);
    const scale = (weight ? <f64>load<f32>(weight + at) : 1) * r;
    const meanTerm = <f32>((scale * sumG) / count);
    const slope = <f32>((scale * r * r * sumGX) / count);
    for (let b = 0; b < n; b++) {
      const run = runAt(b, ch, c, s);
      inputGradient(grad + run, x + run, gradInput + run, s, mu, <f32>scale, meanTerm, slope);
    }
    store<f32>(gradWeight + at, <f32>(sumGX * r));
    store<f32>(gradBias + at, <f32>sumG);
  }
}

/**
 * (Σ g, Σ g·(x − mu)) over n floats at g and x, as f64x2, all in f64: the terms of the second sum
 * cancel, so even their rounding to f32 would show.
 */
function gradientSums(g: usize, x: usize, n: i32, mu: f32): v128 {
  const m = f64x2.splat(mu);
  let g0 = f64x2.splat(0), g1 = f64x2.splat(0), gx0 = f64x2.splat(0), gx1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const gv = v128.load(g + at), xv = v128.load(x + at);
    const gLo = f64x2.promote_low_f32x4(gv), gHi = promoteHigh(gv);
    g0 = f64x2.add(g0, gLo);
    g1 = f64x2.add(g1, gHi);
    gx0 = f64x2.add(gx0, f64x2.mul(gLo, f64x2.sub(f64x2.promote_low_f32x4(xv), m)));
    gx1 = f64x2.add(gx1, f64x2.mul(gHi, f64x2.sub(promoteHigh(xv), m)));
  }
  let sumG = laneSum(f64x2.add(g0, g1)), sumGX = laneSum(f64x2.add(gx0, gx1));
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const gi = <f64>load<f32>(g + at);
    sumG += gi;
    sumGX += gi * (<f64>load<f32>(x + at) - mu);
  }
  return f64x2.replace_lane(f64x2.splat(sumG), 1, sumGX);
}

/** dx = g·scale − meanTerm − (x − mu)·slope over n floats. */
function inputGradient(g: usize, x: usize, dx: usize, n: i32, mu: f32, scale: f32, meanTerm: f32, slope: f32): void {
  const m = f32x4.splat(mu), sc = f32x4.splat(scale), mt = f32x4.splat(meanTerm), sl = f32x4.splat(slope);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const d = f32x4.sub(v128.load(x + at), m);
    v128.store(dx + at, f32x4.sub(f32x4.sub(f32x4.mul(v128.load(g + at), sc), mt), f32x4.mul(d, sl)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dx + at, load<f32>(g + at) * scale - meanTerm - (load<f32>(x + at) - mu) * slope);
  }
}
