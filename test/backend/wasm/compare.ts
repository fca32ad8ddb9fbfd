/**
 * Checking a wasm kernel against the reference backend: run the same kernel call on both and
 * compare every element. Random inputs come from a seeded generator so failures reproduce.
 */
import assert from "node:assert/strict";
import { kernels, setBackend, getBackend, getThreads, setThreads, type KernelMap, type TensorData } from "../../../src/backend/index.js";
import { wasmRuntime } from "../../../src/backend/wasm/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertClose } from "../../helpers.js";

/** Both backends' kernel tables (the wasm one must have loaded: these tests exist to check it). */
export function backendPair(): { wasm: KernelMap; reference: KernelMap } {
  const initial = getBackend();
  try {
    setBackend("reference");
    const reference = kernels();
    setBackend("wasm");
    return { wasm: kernels(), reference };
  } finally {
    setBackend(initial);
  }
}

/** A float32 TensorData of `shape` filled with normal(0, scale) values from `gen`. */
export function randomData(gen: Generator, shape: readonly number[], scale = 1): TensorData {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = gen.normal() * scale;
  return { shape: [...shape], dtype: "float32", values };
}

/** Same shape and dtype, and every element within rtol/atol of the reference's. */
export function assertSameData(actual: TensorData, expected: TensorData, { rtol = 1e-5, atol = 1e-6, what = "" } = {}): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype`);
  assertClose(Array.from(actual.values), Array.from(expected.values), { rtol, atol, message: what });
}

/**
 * Run fn with 2 threads (at least) where the calling thread claims no chunks, so every parallel
 * job of fn runs on the worker threads; jobs too small to split still run on the caller.
 */
export async function onWorkers<T>(fn: () => T): Promise<T> {
  const pool = wasmRuntime!.pool;
  const threads = getThreads();
  setThreads(Math.max(2, threads));
  await pool.ready();
  pool.callerRuns = false;
  try {
    return fn();
  } finally {
    pool.callerRuns = true;
    setThreads(threads);
  }
}

/** Run check on 1 thread, then with every parallel job on the worker threads alone; `what` says which. */
export async function onOneThreadAndWorkers(check: (what: string) => void): Promise<void> {
  const threads = getThreads();
  try {
    setThreads(1);
    check("1 thread");
  } finally {
    setThreads(threads);
  }
  await onWorkers(() => check("worker threads"));
}
