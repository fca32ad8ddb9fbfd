/** Timing as BENCHMARKS.md asks: warm-up repetitions, then the median of the timed ones. */
export interface BenchRow {
  workload: string;
  library: string;
  backend: string;
  threads: number;
  metric: string;
  value: number;
}

export interface Timing {
  warmup: number;
  reps: number;
}

/** Median wall time (seconds) of `reps` calls of fn after `warmup` untimed ones. */
export function medianSeconds(fn: () => void, { warmup, reps }: Timing): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    fn();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["workload", "library", "backend", "threads", "value", "metric"];
  const cells = rows.map((r) => [r.workload, r.library, r.backend, String(r.threads), formatValue(r.value), r.metric]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 4 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

function formatValue(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toPrecision(3);
}
