/**
 * `npm run bench`: the BENCHMARKS.md workloads on Strata (every registered backend) and, in the same
 * run, on TensorFlow.js (cpu, wasm, threaded wasm), ConvNetJS and PyTorch; then the memory check.
 *   -- --quick        smoke run for CI: 1 warm-up and 1 rep, smaller sizes, Strata's 1-thread pass and the
 *                     peers on W1 n=256 (and the peers on W3) only, memory over 300 steps on the default
 *                     backend, too few to judge flatness
 *   -- --out FILE     also write the figures as JSON rows {workload, library, backend, threads, metric, value}
 *   -- --only PREFIX  only the workloads whose label starts so (e.g. W3), without the memory check;
 *                     `--only memory` runs just the memory check
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { getBackend, listBackends } from "../src/index.js";
import { childTimeoutSeconds, timingFor, type JsonRow, type LibraryResult } from "./harness.js";
import { formatMemory, memoryRows, type MemoryReport } from "./memory.js";
import { runPytorch } from "./peers/pytorch.js";
import { formatMedians, formatNotes, formatRatios, jsonRows } from "./report.js";
import { PEER_QUICK_KEYS, selectKeys } from "./spec.js";
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
const memorySteps = quick ? 300 : 10_000;
/** Generous: 10,000 steps took 6 minutes on the reference backend of a busy 2-core machine, 1.5 on wasm. */
const memoryTimeoutSeconds = quick ? 180 : 3600;
const mode = quick ? "quick" : "full";

/** Other work on a shared machine slows the multi-threaded runs most: the load average says how busy it was. */
function loadLine(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min)`;
}

async function runWorkloads(keys: string[]): Promise<LibraryResult> {
  const results = [await runStrata(keys, quick ? keys.filter((k) => k.startsWith("W1")) : keys, timing)];
  const peerKeys = quick ? keys.filter((k) => PEER_QUICK_KEYS.includes(k)) : keys;
  const runJsPeer = (name: string, args: string[]) =>
    runPeerChild(name, nodeChild.command, [nodeChild.entry, ...args, mode, peerKeys.join(",")], childTimeoutSeconds(timing, peerKeys.length));
  if (peerKeys.length) {
    for (const backend of ["cpu", "wasm", "wasm-mt"]) results.push(await runJsPeer(`tfjs/${backend}`, ["tfjs", backend]));
    results.push(await runJsPeer("convnetjs", ["convnetjs", "js"]));
  }
  if (peerKeys.length) results.push(await runPytorch(peerKeys, timing));
  return { rows: results.flatMap((r) => r.rows), notes: results.flatMap((r) => r.notes) };
}

async function main(): Promise<void> {
  const defaultBackend = getBackend();
  console.log(`${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}); every figure is the median of ${timing.reps} after ` +
    `${timing.warmup} warm-up${timing.warmup > 1 ? "s" : ""}${quick ? " (quick mode)" : ""}; float32 except ConvNetJS (float64); ${loadLine()}`);
  const keys = only === "memory" ? [] : selectKeys(quick, only);
  const { rows, notes } = await runWorkloads(keys);
  const json: JsonRow[] = jsonRows(rows);
  if (rows.length) console.log(`\n${formatMedians(rows)}\n\n${formatRatios(rows)}`);
  if (!only || only === "memory") {
    for (const backend of quick ? [defaultBackend] : listBackends()) {
      const report = await runChildJson<MemoryReport>(`memory on ${backend}`, nodeChild.command, [nodeChild.entry, "memory", backend, String(memorySteps)], memoryTimeoutSeconds);
      console.log(`\n${formatMemory(report, !quick)}`);
      json.push(...memoryRows(report));
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
