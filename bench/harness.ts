/** Timing as BENCHMARKS.md asks (warm-ups, then the median of timed repetitions), and the row types. */
import { nextTurn } from "../src/backend/turn.js";
import { specOf } from "./spec.js";

/** One measured figure; `key` names a workload of spec.ts. */
export interface Row {
  key: string;
  library: string;
  backend: string;
  threads: number;
  metric: string;
  value: number;
}

/** What one library (a peer, or Strata on its backends) hands back: figures, and notes for what it could not run. */
export interface LibraryResult {
  rows: Row[];
  notes: string[];
}

/** The row as `--out` writes it: the workload by its label. */
export interface JsonRow {
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
  /**
   * Warm-up goes on until it has also lasted this many seconds, and timed calls until they add up
   * to this many: two calls of a 7 ms step are far from the steady state of a library whose
   * allocator, JIT or memory reclamation settles over the first hundred steps (Strata's LeNet-5
   * step measured 35% slower after 2 warm-ups than after 2 s), and five such calls make a noisy median.
   */
  minSeconds: number;
  /**
   * A workload whose first warm-up says the whole measurement would take longer than this many
   * seconds is skipped with a note (e.g. VGG-11 on a naive JS backend), so a full run stays bounded.
   */
  budgetSeconds: number;
}

export function timingFor(quick: boolean): Timing {
  return quick ? { warmup: 1, reps: 1, minSeconds: 0, budgetSeconds: 60 } : { warmup: 2, reps: 5, minSeconds: 2, budgetSeconds: 300 };
}

/** How long a child process measuring `workloads` workloads may take before it is stopped as hung. */
export function childTimeoutSeconds(timing: Timing, workloads: number): number {
  return timing.budgetSeconds * (workloads + 1) + 60;
}

export type Measurement = { seconds: number } | { skipped: string };

/**
 * Median wall time (seconds) of the timed calls of fn — at least `reps`, and at least `minSeconds`
 * of them — after warm-up calls (at least `warmup`, and at least `minSeconds` of them), or why it
 * was skipped. The event loop turns between calls (untimed; Strata's nextTurn, which also runs in a
 * browser), as it does between the steps of `fit()`: that is when Strata takes back the memory of
 * collected tensors. A call that returns a promise (ONNX Runtime's `session.run`) is timed until
 * the promise settles; a synchronous one is timed exactly as before, with no await inside its
 * timed span.
 */
export async function measure(fn: () => void | Promise<void>, { warmup, reps, minSeconds, budgetSeconds }: Timing): Promise<Measurement> {
  const first = await timeOnce(fn);
  const estimate = first * (warmup + reps - 1);
  if (estimate > budgetSeconds) {
    return { skipped: `one repetition took ${first.toFixed(1)} s, so ${warmup} warm-ups + ${reps} reps would take ~${Math.round(estimate)} s (budget ${budgetSeconds} s)` };
  }
  for (let calls = 1, warm = first; calls < warmup || warm < minSeconds; calls++) {
    await nextTurn();
    warm += await timeOnce(fn);
  }
  const times: number[] = [];
  for (let timed = 0; times.length < reps || timed < minSeconds; ) {
    await nextTurn();
    times.push(await timeOnce(fn));
    timed += times[times.length - 1];
  }
  return { seconds: median(times) };
}

/** Seconds one call of fn takes; a returned promise is awaited inside the timed span, nothing else is. */
async function timeOnce(fn: () => void | Promise<void>): Promise<number> {
  const t0 = performance.now();
  const pending = fn();
  if (pending) await pending;
  return (performance.now() - t0) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A workload instance as a library builds it: one repetition, and the units (samples, FLOPs…) it is
 * worth. `run` (and `dispose`) may return a promise, which is awaited: ONNX Runtime's calls are async.
 */
export interface Runnable {
  units: number;
  run(): void | Promise<void>;
  /** Frees what the workload holds (for libraries that do not collect garbage themselves). */
  dispose?(): void | Promise<void>;
}

/**
 * Measures the given workloads with one library configuration, turning failures (a missing kernel,
 * an unsupported layer) and budget skips into notes instead of rows. `make` may be async (an ONNX
 * Runtime session is created so); building is never timed.
 */
export async function measureAll(
  keys: readonly string[],
  make: (key: string) => Runnable | string | Promise<Runnable | string>,
  who: { library: string; backend: string; threads: number },
  timing: Timing,
): Promise<LibraryResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const name = `${who.library}/${who.backend}`;
  for (const key of keys) {
    const label = specOf(key).label;
    let made: Runnable | string | undefined;
    try {
      made = await make(key);
      if (typeof made === "string") {
        notes.push(`${name} cannot express ${label}: ${made}`);
        continue;
      }
      const workload = made;
      const m = await measure(() => workload.run(), timing);
      if ("skipped" in m) {
        notes.push(`${name} ${label} skipped: ${m.skipped}`);
        continue;
      }
      const value = made.units / m.seconds;
      rows.push({ key, ...who, metric: specOf(key).metric, value });
      console.error(`  ${name} (${who.threads}t) ${label}: ${value.toPrecision(4)} ${specOf(key).metric}`);
    } catch (err) {
      notes.push(`${name} cannot express ${label}: ${firstLine(err)}`);
    } finally {
      if (typeof made === "object") await made.dispose?.();
    }
  }
  return { rows, notes };
}

export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0].slice(0, 200);
}
