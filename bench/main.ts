/**
 * `npm run bench`: the BENCHMARKS.md workloads on Strata (every registered backend) and, in the same
 * run, on TensorFlow.js (cpu, wasm, threaded wasm), ConvNetJS, PyTorch and, for inference, ONNX Runtime
 * (onnxruntime-web, and onnxruntime-node when installed); then the memory check.
 *   -- --quick        smoke run for CI: 1 warm-up and 1 rep, smaller sizes, Strata's 1-thread pass and the
 *                     peers on W1 n=256 (and the peers on W3) only, onnxruntime-web on W3i on one thread,
 *                     memory over 300 steps on the default backend, too few to judge flatness
 *   -- --out FILE     also write the figures as JSON rows {workload, library, backend, threads, metric, value}
 *   -- --only PREFIX  only the workloads whose label starts so (e.g. W3), without the memory check;
 *                     `--only memory` runs just the memory check
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { getBackend, listBackends } from "../src/index.js";
import { childTimeoutSeconds, timingFor, type JsonRow, type LibraryResult } from "./harness.js";
import { formatMemory, memoryRows, type MemoryModel, type MemoryReport } from "./memory.js";
import { formatPeak, measurePeak } from "./peak.js";
import { runPytorch } from "./peers/pytorch.js";
import { formatLatencies, formatMedians, formatNotes, formatRatios, jsonRows } from "./report.js";
import { ONNX_WORKLOADS } from "./peers/onnx-models.js";
import { ONNX_QUICK_KEYS, PEER_QUICK_KEYS, selectKeys } from "./spec.js";
import { nodeChild, runChildJson, runPeerChild } from "./spawn.js";
import { runStrata } from "./strata.js";

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
const timing = timingFor(quick);
/**
 * The memory checks: LeNet-5 on every backend (10,000 steps; 300 in quick mode), and the W5
 * char-LSTM for 5,000 steps on the default backend alone (about 10 minutes on wasm; the reference
 * backend would take hours), left out of quick mode.
 */
const memoryChecks: { model: MemoryModel; steps: number; backends: (defaultBackend: string) => string[] }[] = quick
  ? [{ model: "lenet5", steps: 300, backends: (b) => [b] }]
  : [
      { model: "lenet5", steps: 10_000, backends: () => listBackends() },
      { model: "char-lstm", steps: 5_000, backends: (b) => [b] },
    ];
/** Generous: 10,000 LeNet-5 steps took 6 minutes on the reference backend of a busy 2-core machine, 1.5 on wasm. */
const memoryTimeoutSeconds = quick ? 180 : 3600;
const mode = quick ? "quick" : "full";

/** Other work on a shared machine slows the multi-threaded runs most: the load average says how busy it was. */
function loadLine(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min)`;
}

async function runWorkloads(keys: string[]): Promise<LibraryResult> {
  const results = [await runStrata(keys, quick ? keys.filter((k) => k.startsWith("W1")) : keys, timing)];
  const peerKeys = quick ? keys.filter((k) => PEER_QUICK_KEYS.includes(k)) : keys;
  /** A JS peer in a child process; `runs` is how many times it measures each key (once per thread count). */
  const runJsPeer = (name: string, args: string[], childKeys: string[], runs = 1) =>
    runPeerChild(name, nodeChild.command, [nodeChild.entry, ...args, mode, childKeys.join(",")], childTimeoutSeconds(timing, childKeys.length * runs));
  if (peerKeys.length) {
    for (const backend of ["cpu", "wasm", "wasm-mt"]) results.push(await runJsPeer(`tfjs/${backend}`, ["tfjs", backend], peerKeys));
    results.push(await runJsPeer("convnetjs", ["convnetjs", "js"], peerKeys));
  }
  if (peerKeys.length) results.push(await runPytorch(peerKeys, timing));
  // ONNX Runtime on the inference workloads, with one thread per core and with one (see peers/onnxruntime.ts).
  const onnxKeys = keys.filter((k) => k in ONNX_WORKLOADS && (!quick || ONNX_QUICK_KEYS.includes(k)));
  if (onnxKeys.length) {
    const threads = quick ? [1] : [...new Set([cpus().length, 1])];
    for (const t of threads) results.push(await runJsPeer(`onnxruntime-web ${t}t`, ["onnxruntime-web", String(t)], onnxKeys));
    if (!quick) results.push(await runJsPeer("onnxruntime-node", ["onnxruntime-node", threads.join(",")], onnxKeys, threads.length));
  }
  return { rows: results.flatMap((r) => r.rows), notes: results.flatMap((r) => r.notes) };
}

async function main(): Promise<void> {
  const defaultBackend = getBackend();
  const atLeast = (n: number, what: string) => `${timing.minSeconds ? "at least " : ""}${n} ${what}${n > 1 ? "s" : ""}${timing.minSeconds ? ` and ${timing.minSeconds} s of them` : ""}`;
  console.log(`${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}); every figure is the median of ${atLeast(timing.reps, "timed call")} after ` +
    `${atLeast(timing.warmup, "warm-up")}${quick ? " (quick mode)" : ""}; float32 except ConvNetJS (float64); ${loadLine()}`);
  const keys = only === "memory" ? [] : selectKeys(quick, only);
  const { rows, notes } = await runWorkloads(keys);
  const json: JsonRow[] = jsonRows(rows);
  if (rows.length) console.log(`\n${formatMedians(rows)}\n\n${formatRatios(rows)}`);
  if (rows.some((r) => r.key.startsWith("W1"))) {
    const peaks = await measurePeak();
    const w1 = rows.filter((r) => r.key === "W1-1024" && r.library === "strata").reduce<number | undefined>((m, r) => Math.max(m ?? 0, r.value), undefined);
    console.log(`\n${formatPeak(peaks, w1)}`);
    json.push(...peaks.map((p) => ({ workload: "128-bit SIMD peak", library: "strata", backend: "wasm", threads: p.threads, metric: "GFLOP/s", value: p.gflops })));
  }
  const latencies = formatLatencies(rows);
  if (latencies) console.log(`\n${latencies}`);
  if (!only || only === "memory") {
    for (const { model, steps, backends } of memoryChecks) {
      for (const backend of backends(defaultBackend)) {
        const args = [nodeChild.entry, "memory", backend, String(steps), model];
        const report = await runChildJson<MemoryReport>(`memory (${model}) on ${backend}`, nodeChild.command, args, memoryTimeoutSeconds);
        console.log(`\n${formatMemory(report, !quick)}`);
        json.push(...memoryRows(report));
      }
    }
  }
  if (notes.length) console.log(`\n${formatNotes(notes)}`);
  console.log(`\nAt the end: ${loadLine()}`);
  if (out) {
    writeFileSync(out, JSON.stringify(json, null, 2) + "\n");
    console.log(`\nwrote ${json.length} rows to ${out}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
