// Parallel work. The host writes a job's arguments as i32 slots at `args`, then every thread (the
// calling one included) claims chunk numbers and calls the job's exported `…Chunk(args, chunk,
// worker)` function; `worker` (0 for the calling thread) picks that thread's scratch memory.
import { gemm, gemmScratchBytes } from "./gemm";
import { gemmNT } from "./conv-dot";
import { zero } from "./conv-im2col";
import { GemmNTSlot, GemmSlot } from "../layout/product-slots";

// @ts-ignore: decorator
@inline export function arg(args: usize, i: i32): i32 {
  return load<i32>(args + <usize>(i << 2));
}

/**
 * A batch of products C_t = A_t·B_t, each split into `parts` bands of rows (or of columns when
 * byColumns), with the epilogue (bias, ReLU) done on each band while it is still in cache. Slots:
 * layout/product-slots.ts (GemmSlot); broadcast batches repeat their A or B offsets.
 */
export function gemmChunk(args: usize, chunk: i32, worker: i32): void {
  const m = arg(args, GemmSlot.M), n = arg(args, GemmSlot.N), k = arg(args, GemmSlot.K);
  const rsA = arg(args, GemmSlot.RowStrideA), csA = arg(args, GemmSlot.ColStrideA);
  const rsB = arg(args, GemmSlot.RowStrideB), csB = arg(args, GemmSlot.ColStrideB);
  const parts = arg(args, GemmSlot.Parts), byColumns = arg(args, GemmSlot.ByColumns) != 0;
  const offsets = <usize>arg(args, GemmSlot.Offsets);
  const t = chunk / parts, part = chunk % parts;
  const a = <usize>arg(args, GemmSlot.A) + <usize>(load<i32>(offsets + <usize>(t << 3)) << 2);
  const b = <usize>arg(args, GemmSlot.B) + <usize>(load<i32>(offsets + <usize>((t << 3) + 4)) << 2);
  const c = <usize>arg(args, GemmSlot.C) + <usize>((t * m * n) << 2);
  const scratch = <usize>arg(args, GemmSlot.Scratch) + <usize>(worker * gemmScratchBytes());
  const extent = byColumns ? n : m;
  // Bands are multiples of 8 so that only the last one has ragged register tiles.
  const band = (((extent + parts - 1) / parts + 7) >> 3) << 3;
  const from = part * band;
  const size = min(band, extent - from);
  if (size <= 0) return;
  if (byColumns) gemm(m, size, k, a, rsA, csA, b + <usize>((from * csB) << 2), rsB, csB, c + <usize>(from << 2), n, false, scratch);
  else gemm(size, n, k, a + <usize>((from * rsA) << 2), rsA, csA, b, rsB, csB, c + <usize>((from * n) << 2), n, false, scratch);
  const bias = <usize>arg(args, GemmSlot.Bias), relu = arg(args, GemmSlot.Relu) != 0;
  if (!bias && !relu) return;
  if (byColumns) epilogue(c + <usize>(from << 2), m, size, n, bias ? bias + <usize>(from << 2) : 0, relu);
  else epilogue(c + <usize>((from * n) << 2), size, n, n, bias, relu);
}

/** rows × cols of C (rows ldc apart): bias[j] added to column j (if bias), then ReLU (if relu; NaN kept). */
function epilogue(c: usize, rows: i32, cols: i32, ldc: i32, bias: usize, relu: bool): void {
  const zero = f32x4.splat(0);
  for (let i = 0; i < rows; i++) {
    const row = c + <usize>((i * ldc) << 2);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const at = row + <usize>(j << 2);
      let v = v128.load(at);
      if (bias) v = f32x4.add(v, v128.load(bias + <usize>(j << 2)));
      if (relu) v = v128.andnot(v, f32x4.le(v, zero));
      v128.store(at, v);
    }
    for (; j < cols; j++) {
      const at = row + <usize>(j << 2);
      let v = load<f32>(at);
      if (bias) v += load<f32>(bias + <usize>(j << 2));
      if (relu && v <= 0) v = 0;
      store<f32>(at, v);
    }
  }
}

/**
 * C = A·Bᵀ for a few rows of A [m × k] and B [n × k], both row-major, by conv-dot.ts's
 * register-tiled dot products, with no packing: the product is bound by reading B (a VGG
 * classifier's 411 MB first weight), which packing would read twice. Chunks take PerChunk rows of
 * B (columns of C). Slots: layout/product-slots.ts (GemmNTSlot), with gemmChunk's epilogue.
 */
export function gemmNTChunk(args: usize, chunk: i32, worker: i32): void {
  const m = arg(args, GemmNTSlot.M), n = arg(args, GemmNTSlot.N), k = arg(args, GemmNTSlot.K);
  const perChunk = arg(args, GemmNTSlot.PerChunk), from = chunk * perChunk, cols = min(perChunk, n - from);
  if (cols <= 0) return;
  const a = <usize>arg(args, GemmNTSlot.A), b = <usize>arg(args, GemmNTSlot.B) + <usize>((from * k) << 2);
  const c = <usize>arg(args, GemmNTSlot.C) + <usize>(from << 2);
  // gemmNT adds to C: clear this chunk's columns of it first
  for (let i = 0; i < m; i++) zero(c + <usize>((i * n) << 2), cols);
  gemmNT(m, cols, k, a, k, b, k, c, n);
  const bias = <usize>arg(args, GemmNTSlot.Bias), relu = arg(args, GemmNTSlot.Relu) != 0;
  if (bias || relu) epilogue(c, m, cols, n, bias ? bias + <usize>(from << 2) : 0, relu);
}
