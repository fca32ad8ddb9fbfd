/**
 * The CPU's 128-bit SIMD peak, against which the bench states how close its products come: the
 * register-only multiply-add chains of assembly/peak.ts on 1 thread and on every thread, median of 7.
 * This CPU can issue at most 3 floating-point µops a cycle on 128-bit vectors (multiplies on two ports,
 * adds on two, three ports in all), so mul + add pairs top out at 12 flops a cycle per core; the
 * measured figure ÷ 12 is the clock the cores actually ran at.
 */
import { getThreads, setThreads } from "../src/index.js";
import { wasmRuntime } from "../src/backend/wasm/index.js";
import { median } from "./harness.js";

/** Flops of one iteration of simdPeakChunk: 12 chains × 4 lanes × (mul + add). */
const FLOPS_PER_ITERATION = 96;
const ITERATIONS = 2_000_000;

export interface Peak {
  threads: number;
  gflops: number;
}

/** The measured peak on one thread and on all of them, or [] without the wasm backend. */
export async function measurePeak(): Promise<Peak[]> {
  if (!wasmRuntime) return [];
  const { heap, pool } = wasmRuntime;
  const all = getThreads();
  await pool.ready();
  const peaks: Peak[] = [];
  try {
    for (const threads of [...new Set([1, all])]) {
      setThreads(threads);
      const rates = Array.from({ length: 7 }, () =>
        heap.scoped(() => {
          const args = pool.args([ITERATIONS, heap.alloc(16 * threads)]);
          const start = performance.now();
          pool.run("simdPeakChunk", args, threads, threads > 1);
          return (FLOPS_PER_ITERATION * ITERATIONS * threads) / ((performance.now() - start) / 1000) / 1e9;
        }),
      );
      peaks.push({ threads, gflops: median(rates) });
    }
  } finally {
    setThreads(all);
  }
  return peaks;
}

export function formatPeak(peaks: readonly Peak[], w1: number | undefined): string {
  if (peaks.length === 0) return "";
  const lines = peaks.map((p) => `  ${p.threads} thread${p.threads > 1 ? "s" : ""}: ${p.gflops.toFixed(1)} GFLOP/s (clock ≈ ${(p.gflops / p.threads / 12).toFixed(2)} GHz at 12 flops a cycle)`);
  const best = Math.max(...peaks.map((p) => p.gflops));
  const share = w1 === undefined ? "" : `\n  W1 n=1024 at its best: ${w1.toFixed(1)} GFLOP/s = ${((100 * w1) / best).toFixed(0)}% of the ${best.toFixed(1)} peak`;
  return `128-bit SIMD peak (register-only mul + add chains, assembly/peak.ts):\n${lines.join("\n")}${share}`;
}
