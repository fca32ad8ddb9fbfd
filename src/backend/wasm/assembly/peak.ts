// The 128-bit SIMD peak of this CPU, measured rather than assumed: twelve independent chains of
// f32x4 multiply-then-add, no memory traffic, so only the floating-point ports bound it (wasm has
// no fused multiply-add: a multiply and an add are two instructions). `npm run bench` reports the
// GEMMs' throughput as a fraction of it. Slots: iterations, then where each chunk stores its sum
// (so the chains cannot be optimised away). Each iteration is 12 × (4 mul + 4 add) = 96 flops.
import { arg } from "./jobs";

export function simdPeakChunk(args: usize, chunk: i32, worker: i32): void {
  const n = arg(args, 0);
  const m = f32x4.splat(0.999), c = f32x4.splat(0.001);
  let a0 = f32x4.splat(<f32>chunk), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
  let a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
  for (let i = 0; i < n; i++) {
    a0 = f32x4.add(f32x4.mul(a0, m), c); a1 = f32x4.add(f32x4.mul(a1, m), c);
    a2 = f32x4.add(f32x4.mul(a2, m), c); a3 = f32x4.add(f32x4.mul(a3, m), c);
    a4 = f32x4.add(f32x4.mul(a4, m), c); a5 = f32x4.add(f32x4.mul(a5, m), c);
    a6 = f32x4.add(f32x4.mul(a6, m), c); a7 = f32x4.add(f32x4.mul(a7, m), c);
    a8 = f32x4.add(f32x4.mul(a8, m), c); a9 = f32x4.add(f32x4.mul(a9, m), c);
    a10 = f32x4.add(f32x4.mul(a10, m), c); a11 = f32x4.add(f32x4.mul(a11, m), c);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)), f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))));
  v128.store(<usize>arg(args, 1) + <usize>(chunk << 4), sum);
}
