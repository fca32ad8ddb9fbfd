// Moving values through pooling switches (the flat per-plane indices poolMax returns): unpool
// writes each value at its index into a zeroed plane (added for max-pool backward, assigned for
// MaxUnpool), unpoolGrad reads the values back from those positions. An index outside the plane
// (negative: a window without taps) is skipped, and reads as 0.
import { arg } from "./jobs";
import { UnpoolSlot } from "../layout/pool-slots";
import { firstPlane } from "./pool";

/**
 * Slots: layout/pool-slots.ts (UnpoolSlot). Within a plane the writes go in index order, so with repeated indices the sums round as the
 * reference's and, when assigning, the last value wins.
 */
export function unpoolChunk(args: usize, chunk: i32, worker: i32): void {
  const inPlane = arg(args, UnpoolSlot.ValuesPlane), outPlane = arg(args, UnpoolSlot.OutPlane), accumulate = arg(args, UnpoolSlot.Accumulate) != 0;
  for (let p = firstPlane(args, chunk), end = firstPlane(args, chunk + 1); p < end; p++) {
    const x = <usize>arg(args, UnpoolSlot.Values) + <usize>((p * inPlane) << 2);
    const idx = <usize>arg(args, UnpoolSlot.Indices) + <usize>((p * inPlane) << 2);
    const out = <usize>arg(args, UnpoolSlot.Out) + <usize>((p * outPlane) << 2);
    memory.fill(out, 0, <usize>(outPlane << 2));
    for (let i = 0; i < inPlane; i++) {
      const to = load<i32>(idx + <usize>(i << 2));
      if (<u32>to >= <u32>outPlane) continue;
      const slot = out + <usize>(to << 2);
      const v = load<f32>(x + <usize>(i << 2));
      store<f32>(slot, accumulate ? load<f32>(slot) + v : v);
    }
  }
}

/** Slots: layout/pool-slots.ts (UnpoolSlot): Values is g, ValuesPlane its plane size, OutPlane that of the indices and out. */
export function unpoolGradChunk(args: usize, chunk: i32, worker: i32): void {
  const gPlane = arg(args, UnpoolSlot.ValuesPlane), outPlane = arg(args, UnpoolSlot.OutPlane);
  for (let p = firstPlane(args, chunk), end = firstPlane(args, chunk + 1); p < end; p++) {
    const g = <usize>arg(args, UnpoolSlot.Values) + <usize>((p * gPlane) << 2);
    const idx = <usize>arg(args, UnpoolSlot.Indices) + <usize>((p * outPlane) << 2);
    const out = <usize>arg(args, UnpoolSlot.Out) + <usize>((p * outPlane) << 2);
    for (let o = 0; o < outPlane; o++) {
      const from = load<i32>(idx + <usize>(o << 2));
      store<f32>(out + <usize>(o << 2), <u32>from < <u32>gPlane ? load<f32>(g + <usize>(from << 2)) : 0);
    }
  }
}
