// Fused optimiser steps: one pass over a parameter, its gradient and its state, updating the
// parameter and the state in place, four lanes at a time (slots: layout/optimizer-slots.ts).
// The rules are PyTorch's, as src/optim states them; arithmetic is float32, as PyTorch's is.
import { arg } from "./jobs";
import { OptimizerFlag, OptimizerSlot } from "../layout/optimizer-slots";

// @ts-ignore: decorator
@inline function f32Arg(args: usize, slot: i32): f32 {
  return reinterpret<f32>(arg(args, slot));
}

// @ts-ignore: decorator
@inline function ptrArg(args: usize, slot: i32): usize {
  return <usize>arg(args, slot);
}

/** Four floats at ptr, or (wide false) one float in every lane. */
// @ts-ignore: decorator
@inline function read(ptr: usize, wide: bool): v128 {
  return wide ? v128.load(ptr) : f32x4.splat(load<f32>(ptr));
}

/** Four floats to ptr, or (wide false) lane 0 alone. */
// @ts-ignore: decorator
@inline function write(ptr: usize, value: v128, wide: bool): void {
  if (wide) v128.store(ptr, value);
  else store<f32>(ptr, f32x4.extract_lane(value, 0));
}

/** The gradient the rule sees: negated when maximising, plus weightDecay·θ (L2 folded in). */
// @ts-ignore: decorator
@inline function effectiveGrad(args: usize, g: v128, theta: v128): v128 {
  const sign: f32 = arg(args, OptimizerSlot.Flags) & OptimizerFlag.Maximize ? -1 : 1;
  return f32x4.add(f32x4.mul(g, f32x4.splat(sign)), f32x4.mul(f32x4.splat(f32Arg(args, OptimizerSlot.WeightDecay)), theta));
}

/**
 * SGD at byte offset `at` (four elements, or one when not wide): b ← μ·b + (1 − dampening)·g, b = g
 * on the first step; θ ← θ − lr·(nesterov ? g + μ·b : b); without momentum (no buffer) θ ← θ − lr·g.
 */
// @ts-ignore: decorator
@inline function sgdAt(args: usize, at: usize, wide: bool): void {
  const p = ptrArg(args, OptimizerSlot.Param) + at, b = ptrArg(args, OptimizerSlot.State0);
  const flags = arg(args, OptimizerSlot.Flags);
  const theta = read(p, wide);
  const grad = effectiveGrad(args, read(ptrArg(args, OptimizerSlot.Grad) + at, wide), theta);
  let step = grad;
  if (b) {
    const momentum = f32x4.splat(f32Arg(args, OptimizerSlot.H0));
    const buf = flags & OptimizerFlag.First
      ? grad
      : f32x4.add(f32x4.mul(momentum, read(b + at, wide)), f32x4.mul(f32x4.splat(f32Arg(args, OptimizerSlot.H1)), grad));
    write(b + at, buf, wide);
    step = flags & OptimizerFlag.Nesterov ? f32x4.add(grad, f32x4.mul(momentum, buf)) : buf;
  }
  write(p, f32x4.sub(theta, f32x4.mul(f32x4.splat(f32Arg(args, OptimizerSlot.Lr)), step)), wide);
}

/**
 * Adam at byte offset `at`: θ ← θ·shrink (AdamW's decoupled decay; 1 for Adam); m ← β1·m + (1 − β1)·g;
 * v ← β2·v + (1 − β2)·g²; v̂ = amsgrad ? (vmax ← max(vmax, v)) : v;
 * θ ← θ − (lr / (1 − β1^t))·m / (√v̂ / √(1 − β2^t) + eps).
 */
// @ts-ignore: decorator
@inline function adamAt(args: usize, at: usize, wide: bool): void {
  const p = ptrArg(args, OptimizerSlot.Param) + at;
  const m = ptrArg(args, OptimizerSlot.State0) + at, v = ptrArg(args, OptimizerSlot.State1) + at, vmax = ptrArg(args, OptimizerSlot.State2);
  const beta1 = f32Arg(args, OptimizerSlot.H0), beta2 = f32Arg(args, OptimizerSlot.H1);
  const theta = f32x4.mul(read(p, wide), f32x4.splat(f32Arg(args, OptimizerSlot.H5)));
  const grad = effectiveGrad(args, read(ptrArg(args, OptimizerSlot.Grad) + at, wide), theta);
  const first = f32x4.add(f32x4.mul(f32x4.splat(beta1), read(m, wide)), f32x4.mul(f32x4.splat(f32Arg(args, OptimizerSlot.H6)), grad));
  const second = f32x4.add(f32x4.mul(f32x4.splat(beta2), read(v, wide)), f32x4.mul(f32x4.splat(f32Arg(args, OptimizerSlot.H7)), f32x4.mul(grad, grad)));
  write(m, first, wide);
  write(v, second, wide);
  let seen = second;
  if (vmax) {
    seen = f32x4.max(read(vmax + at, wide), second);
    write(vmax + at, seen, wide);
  }
  const denominator = f32x4.add(f32x4.div(f32x4.sqrt(seen), f32x4.splat(f32Arg(args, OptimizerSlot.H4))), f32x4.splat(f32Arg(args, OptimizerSlot.H2)));
  write(p, f32x4.sub(theta, f32x4.div(f32x4.mul(f32x4.splat(f32Arg(args, OptimizerSlot.H3)), first), denominator)), wide);
}

/** Elements chunk·perChunk … of the parameter: whole vectors, then the last 1–3 one at a time. */
// @ts-ignore: decorator
@inline function stepChunk(args: usize, chunk: i32, adam: bool): void {
  const n = arg(args, OptimizerSlot.Count), perChunk = arg(args, OptimizerSlot.PerChunk);
  const to = min(n, (chunk + 1) * perChunk);
  let i = chunk * perChunk;
  for (; i + 4 <= to; i += 4) {
    if (adam) adamAt(args, <usize>i << 2, true);
    else sgdAt(args, <usize>i << 2, true);
  }
  for (; i < to; i++) {
    if (adam) adamAt(args, <usize>i << 2, false);
    else sgdAt(args, <usize>i << 2, false);
  }
}

export function sgdStepChunk(args: usize, chunk: i32, worker: i32): void {
  stepChunk(args, chunk, false);
}

export function adamStepChunk(args: usize, chunk: i32, worker: i32): void {
  stepChunk(args, chunk, true);
}
