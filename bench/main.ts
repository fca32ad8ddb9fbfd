/**
 * `npm run bench`: the BENCHMARKS.md workloads on Strata, medians of repeated runs, as a table and
 * optionally as JSON rows. `-- --quick` is a smoke run (one warm-up, one repetition, the smaller
 * sizes); `-- --out FILE` writes the rows; `-- --only W3` runs the workloads whose id starts so.
 * Peer libraries (PyTorch, TensorFlow.js, ConvNetJS) and their ratios come with the fast-backend work.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { getBackend } from "../src/index.js";
import { formatTable, medianSeconds, type BenchRow } from "./harness.js";
import { workloads } from "./workloads.js";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`bench: ${name} needs a value`);
  return value;
}

const quick = process.argv.includes("--quick");
const out = argValue("--out");
const only = argValue("--only");
const timing = quick ? { warmup: 1, reps: 1 } : { warmup: 2, reps: 5 };
const rows: BenchRow[] = [];
console.log(`Strata ${getBackend()} backend, 1 thread; ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}); ` +
  `median of ${timing.reps} after ${timing.warmup} warm-up${quick ? " (quick mode)" : ""}`);
for (const make of workloads(quick)) {
  const w = make();
  if (only && !w.id.startsWith(only)) continue;
  const seconds = medianSeconds(() => w.run(), timing);
  rows.push({ workload: w.id, library: "strata", backend: getBackend(), threads: 1, metric: w.metric, value: w.units / seconds });
  console.error(`  ${w.id}: ${(w.units / seconds).toPrecision(4)} ${w.metric}`);
}
rows.push({ workload: "process", library: "strata", backend: getBackend(), threads: 1, metric: "rss_MB", value: process.memoryUsage().rss / 2 ** 20 });
console.log(formatTable(rows));
if (out) {
  writeFileSync(out, JSON.stringify(rows, null, 2) + "\n");
  console.log(`wrote ${rows.length} rows to ${out}`);
}
