// Parallel work. The host writes a job's arguments as i32 slots at `args`, then every thread (the
// calling one included) claims chunk numbers and calls the job's exported `…Chunk(args, chunk,
// worker)` function; `worker` (0 for the calling thread) picks that thread's scratch memory.
import { gemm, gemmScratchBytes } from "./gemm";

// @ts-ignore: decorator
@inline export function arg(args: usize, i: i32): i32 {
  return load<i32>(args + <usize>(i << 2));
}

/**
 * A batch of products C_t = A_t·B_t, each split into `parts` bands of rows (or of columns when
 * byColumns). Slots: m n k a rsA csA b rsB csB c parts byColumns scratch offsets bias relu, where
 * `offsets` points at 2 i32 per batch entry: the element offsets of A_t and B_t (broadcast batches
 * repeat); bias (0: none, else n floats added to every row) and relu (1: applied after) are the
 * epilogue, done on each band while it is still in cache.
 */
export function gemmChunk(args: usize, chunk: i32, worker: i32): void {
  const m = arg(args, 0), n = arg(args, 1), k = arg(args, 2);
  const rsA = arg(args, 4), csA = arg(args, 5), rsB = arg(args, 7), csB = arg(args, 8);
  const parts = arg(args, 10), byColumns = arg(args, 11) != 0;
  const offsets = <usize>arg(args, 13);
  const t = chunk / parts, part = chunk % parts;
  const a = <usize>arg(args, 3) + <usize>(load<i32>(offsets + <usize>(t << 3)) << 2);
  const b = <usize>arg(args, 6) + <usize>(load<i32>(offsets + <usize>((t << 3) + 4)) << 2);
  const c = <usize>arg(args, 9) + <usize>((t * m * n) << 2);
  const scratch = <usize>arg(args, 12) + <usize>(worker * gemmScratchBytes());
  const extent = byColumns ? n : m;
  // Bands are multiples of 8 so that only the last one has ragged register tiles.
  const band = (((extent + parts - 1) / parts + 7) >> 3) << 3;
  const from = part * band;
  const size = min(band, extent - from);
  if (size <= 0) return;
  if (byColumns) gemm(m, size, k, a, rsA, csA, b + <usize>((from * csB) << 2), rsB, csB, c + <usize>(from << 2), n, false, scratch);
  else gemm(size, n, k, a + <usize>((from * rsA) << 2), rsA, csA, b, rsB, csB, c + <usize>((from * n) << 2), n, false, scratch);
  const bias = <usize>arg(args, 14), relu = arg(args, 15) != 0;
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
