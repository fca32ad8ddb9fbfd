/**
 * A worker thread of the wasm backend: it instantiates the kernels on the shared memory it is
 * given, then sleeps on the control block's generation counter and joins every job published.
 */
import { workerData } from "node:worker_threads";
import { controlView, GEN, runClaimedChunks, STARTED } from "./control.js";
import { jobTable, type KernelExports } from "./exports.js";

const { module, memory, id } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory; id: number };
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
const ctl = controlView(memory);
const { functions } = jobTable(module, kernels);
const run = (job: number, args: number, chunk: number, worker: number) => void functions[job](args, chunk, worker);
let seen = Atomics.load(ctl, GEN);
Atomics.add(ctl, STARTED, 1);
for (;;) {
  // A short spin first: jobs often come back to back, and waking from Atomics.wait costs more.
  for (let spin = 0; spin < 20000 && Atomics.load(ctl, GEN) === seen; spin++);
  Atomics.wait(ctl, GEN, seen);
  seen = Atomics.load(ctl, GEN);
  runClaimedChunks(ctl, seen, id, run);
}
