/**
 * Throughput of the active backend's matmul kernel, in GFLOP/s (2·m·k·n per product). Not a test:
 * run by hand after `npx tsc -p tsconfig.json` with `node dist/test/backend/matmul.bench.js`.
 * The MLP shapes are those of a 784-800-10 network at batch 64: forward x·Wᵀ, and the backward's
 * g·W and gᵀ·x; the LSTM shapes those of one step of W5's char-LSTM (batch 32, 256 units).
 */
import { randn, Tensor } from "../../src/index.js";
import { kernels } from "../../src/backend/index.js";
import type { DType } from "../../src/index.js";

interface Case {
  label: string;
  a: readonly number[];
  b: readonly number[];
  transA: boolean;
  transB: boolean;
  dtype: DType;
}

const square = (n: number, dtype: DType = "float32"): Case => ({ label: `${n}×${n} · ${n}×${n} ${dtype}`, a: [n, n], b: [n, n], transA: false, transB: false, dtype });

const cases: Case[] = [
  square(256),
  square(1024),
  { label: "MLP forward x[64,784] · W[800,784]ᵀ", a: [64, 784], b: [800, 784], transA: false, transB: true, dtype: "float32" },
  { label: "MLP backward g[64,800] · W[800,784]", a: [64, 800], b: [800, 784], transA: false, transB: false, dtype: "float32" },
  { label: "MLP backward g[64,800]ᵀ · x[64,784]", a: [64, 800], b: [64, 784], transA: true, transB: false, dtype: "float32" },
  { label: "LSTM step h[32,256] · W_hh[1024,256]ᵀ", a: [32, 256], b: [1024, 256], transA: false, transB: true, dtype: "float32" },
  { label: "LSTM backward g[32,1024] · W_hh[1024,256]", a: [32, 1024], b: [1024, 256], transA: false, transB: false, dtype: "float32" },
  { label: "LSTM backward g[32,1024]ᵀ · h[32,256]", a: [32, 1024], b: [32, 256], transA: true, transB: false, dtype: "float32" },
  square(256, "float64"),
];

function measure(c: Case): number {
  const a: Tensor = randn(c.a, { dtype: c.dtype });
  const b: Tensor = randn(c.b, { dtype: c.dtype });
  const m = c.transA ? c.a[1] : c.a[0];
  const k = c.transA ? c.a[0] : c.a[1];
  const n = c.transB ? c.b[0] : c.b[1];
  const flops = 2 * m * k * n;
  const run = () => kernels().matmul(a, b, c.transA, c.transB, []);
  // warm up until the JIT has settled, then time enough repetitions to fill about a second. CPU
  // time rather than wall time, so other processes sharing the machine disturb the figure less.
  for (let i = 0; i < 3; i++) run();
  let reps = 1;
  for (;;) {
    const start = process.cpuUsage();
    for (let i = 0; i < reps; i++) run();
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    if (seconds > 1) return (flops * reps) / seconds / 1e9;
    reps *= 2;
  }
}

for (const c of cases) console.log(`${c.label.padEnd(44)} ${measure(c).toFixed(2)} GFLOP/s`);
