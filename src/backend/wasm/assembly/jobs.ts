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
 * byColumns). Slots: m n k a rsA csA b rsB csB c parts byColumns scratch offsets, where `offsets`
 * points at 2 i32 per batch entry: the element offsets of A_t and B_t (broadcast batches repeat).
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
}
