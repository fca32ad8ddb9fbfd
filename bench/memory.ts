/**
 * The memory check: users never call dispose, so training for many steps must keep the process's
 * resident memory flat — the median RSS of the last tenth of the steps within 10% of that of the
 * second tenth (steps 1,000–2,000 of 10,000). Two models: LeNet-5 at batch 16, each step a fresh
 * random batch as a data loader would give; and W5's char-LSTM (batch 32 × 64 characters, Adam,
 * clipping), whose steps make many small tensors. The event loop turns once a step, as in fit().
 * Runs in its own process (bench/child.ts) so earlier workloads do not colour the figures; heap,
 * external and ArrayBuffer memory are reported too, to say where growth would come from.
 */
import * as strata from "../src/index.js";
import { median, type JsonRow } from "./harness.js";
import { strataThreads } from "./strata.js";

export type MemoryModel = "lenet5" | "char-lstm";
export const MEMORY_MODELS: readonly MemoryModel[] = ["lenet5", "char-lstm"];

/** A model's training step on fresh random data, and how the report names it. */
interface MemoryWorkload {
  name: string;
  batch: number;
  step(): void;
}

function lenetWorkload(): MemoryWorkload {
  const net = strata.models.lenet5();
  const opt = new strata.optim.SGD(net.parameters(), { lr: 0.01, momentum: 0.9 });
  return {
    name: "LeNet-5",
    batch: 16,
    step() {
      const x = strata.randn([16, 1, 28, 28]);
      const y = strata.randint(0, 10, [16]);
      const loss = strata.nn.functional.crossEntropy(net.forward(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
    },
  };
}

function charLstmWorkload(): MemoryWorkload {
  const model = new strata.models.RecurrentLM(65, { cell: "lstm", embeddingDim: 128, hiddenSize: 256 });
  const opt = new strata.optim.Adam(model.parameters(), { lr: 0.002 });
  return {
    name: "W5 char-LSTM",
    batch: 32,
    step() {
      const x = strata.randint(0, 65, [32, 64]);
      const y = strata.randint(0, 65, [32, 64]);
      const loss = strata.nn.functional.crossEntropy(model.forward(x).reshape([-1, 65]), y.reshape([-1]));
      opt.zeroGrad();
      loss.backward();
      strata.optim.clipGradNorm(model.parameters(), 5);
      opt.step();
    },
  };
}
/** The late window may exceed the early one by at most this fraction. */
export const MEMORY_TOLERANCE = 0.1;

interface Window {
  from: number;
  to: number;
  /** Medians over the window's steps, in MiB. */
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface MemoryReport {
  model: string;
  backend: string;
  threads: number;
  batch: number;
  steps: number;
  seconds: number;
  early: Window;
  late: Window;
  ratio: number;
  pass: boolean;
}

const MiB = 2 ** 20;

export async function runMemory(backend: string, steps: number, model: MemoryModel): Promise<MemoryReport> {
  if (!Number.isInteger(steps) || steps < 20) throw new Error(`runMemory: steps must be an integer ≥ 20, got ${steps}`);
  if (!MEMORY_MODELS.includes(model)) throw new Error(`runMemory: model must be one of ${MEMORY_MODELS.join(", ")}, got "${model}"`);
  strata.setBackend(backend);
  strata.manualSeed(0);
  const workload = model === "lenet5" ? lenetWorkload() : charLstmWorkload();
  const samples = { rss: new Float64Array(steps), heapUsed: new Float64Array(steps), external: new Float64Array(steps), arrayBuffers: new Float64Array(steps) };
  const start = performance.now();
  for (let step = 0; step < steps; step++) {
    workload.step();
    await strata.nextTurn();
    const m = process.memoryUsage();
    samples.rss[step] = m.rss / MiB;
    samples.heapUsed[step] = m.heapUsed / MiB;
    samples.external[step] = m.external / MiB;
    samples.arrayBuffers[step] = m.arrayBuffers / MiB;
    if ((step + 1) % Math.max(1, Math.floor(steps / 10)) === 0) console.error(`  memory (${workload.name}): step ${step + 1}/${steps}, rss ${samples.rss[step].toFixed(0)} MiB`);
  }
  const seconds = (performance.now() - start) / 1000;
  const tenth = Math.floor(steps / 10);
  const window = (from: number, to: number): Window => {
    const med = (a: Float64Array) => median(Array.from(a.subarray(from, to)));
    return { from, to, rss: med(samples.rss), heapUsed: med(samples.heapUsed), external: med(samples.external), arrayBuffers: med(samples.arrayBuffers) };
  };
  const early = window(tenth, 2 * tenth);
  const late = window(steps - tenth, steps);
  const ratio = late.rss / early.rss;
  return { model: workload.name, backend, threads: strataThreads(), batch: workload.batch, steps, seconds, early, late, ratio, pass: ratio <= 1 + MEMORY_TOLERANCE };
}

function windowName(w: Window): string {
  return `steps ${w.from.toLocaleString("en-US")}–${w.to.toLocaleString("en-US")}`;
}

/** The report; `judge` false leaves out the PASS/FAIL verdict (quick mode's few steps are mostly warm-up). */
export function formatMemory(r: MemoryReport, judge: boolean): string {
  const line = (w: Window) =>
    `  ${windowName(w).padEnd(22)} rss ${w.rss.toFixed(1).padStart(7)} MiB   heapUsed ${w.heapUsed.toFixed(1).padStart(6)}   external ${w.external.toFixed(1).padStart(6)}   arrayBuffers ${w.arrayBuffers.toFixed(1).padStart(6)}`;
  return [
    `Memory: ${r.model} training, batch ${r.batch}, ${r.steps.toLocaleString("en-US")} steps on strata/${r.backend} (${r.threads} thread${r.threads > 1 ? "s" : ""}), no dispose calls; ${r.seconds.toFixed(0)} s`,
    line(r.early),
    line(r.late),
    `  last/early RSS = ${r.ratio.toFixed(3)} → ${judge ? `${r.pass ? "PASS" : "FAIL"} (flat within ${MEMORY_TOLERANCE * 100}%)` : "not judged: too few steps"}`,
  ].join("\n");
}

export function memoryRows(r: MemoryReport): JsonRow[] {
  const base = { library: "strata", backend: r.backend, threads: r.threads };
  const workload = `memory ${r.model} train b=${r.batch}, ${r.steps} steps`;
  return [
    { workload: `${workload}, ${windowName(r.early)}`, ...base, metric: "rss_MB", value: r.early.rss },
    { workload: `${workload}, ${windowName(r.late)}`, ...base, metric: "rss_MB", value: r.late.rss },
    { workload, ...base, metric: "rss_ratio", value: r.ratio },
  ];
}
