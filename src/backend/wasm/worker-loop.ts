/**
 * What a worker thread of the wasm backend does, in Node (platform/node/wasm-worker.ts) and in a
 * browser (platform/browser/wasm-worker.ts) alike: it instantiates the kernels on the shared memory
 * it is given, then sleeps on the control block's generation counter and joins every job published.
 */
import { controlView, GEN, runClaimedChunks, STARTED } from "./control.js";
import { jobTable, type KernelExports } from "./exports.js";

export interface WorkerStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  id: number;
}

/** Loads of the job counter a worker spins through (about 1 ms) before it blocks. */
const WORKER_SPIN = 200_000;

/** Joins the pool for good: it never returns. */
export function joinPool({ module, memory, id }: WorkerStart): never {
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const ctl = controlView(memory);
  const { functions } = jobTable(module, kernels);
  const run = (job: number, args: number, chunk: number, worker: number) => void functions[job](args, chunk, worker);
  let seen = Atomics.load(ctl, GEN);
  Atomics.add(ctl, STARTED, 1);
  for (;;) {
    // A spin first: jobs come back to back, separated by the caller's single-threaded work (small
    // elementwise ops, autograd bookkeeping) of some tens to hundreds of microseconds, and waking
    // from Atomics.wait costs tens of microseconds more each time.
    for (let spin = 0; spin < WORKER_SPIN && Atomics.load(ctl, GEN) === seen; spin++);
    Atomics.wait(ctl, GEN, seen);
    seen = Atomics.load(ctl, GEN);
    runClaimedChunks(ctl, seen, id, run);
  }
}
