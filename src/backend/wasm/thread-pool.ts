/**
 * The thread pool: the calling thread plus `threads − 1` workers sharing the kernel memory. A job
 * is split into chunks that every thread claims as it becomes free (see control.ts), so a thread
 * slowed by another process on the machine simply takes fewer chunks. Workers start in the
 * background; until they are up, the calling thread runs every chunk itself.
 */
import { ARGS, controlView, DONE, FAILED, GEN, JOB, LIMIT, MAX_CHUNKS, NEXT, readFailure, runClaimedChunks, STARTED, TOTAL } from "./control.js";
import { jobTable, type JobName, type KernelExports } from "./exports.js";
import { ARGS_BYTE_OFFSET, type Heap } from "./heap.js";

type SpawnWorker = (id: number) => { unref(): void } | null;

/** Loads of the done-counter the caller spins through (about 50 µs) before it blocks. */
const CALLER_SPIN = 10_000;

export class ThreadPool {
  private readonly ctl: Int32Array;
  private gen = 0;
  private threads = 1;
  private spawned = 1;
  /**
   * Whether the calling thread claims chunks too (it does, always, outside tests: tests turn it
   * off to make sure the workers' results are checked, not just the calling thread's).
   */
  callerRuns = true;
  /** Job number by name, looked up on every parallel call. */
  private readonly jobIndex: Map<JobName, number>;
  private readonly jobs: ((args: number, chunk: number, worker: number) => void)[];
  private readonly runChunk: (job: number, args: number, chunk: number, worker: number) => void;

  constructor(private readonly heap: Heap, module: WebAssembly.Module, kernels: KernelExports, private readonly spawn: SpawnWorker | null) {
    this.ctl = controlView(heap.memory);
    const { names, functions } = jobTable(module, kernels);
    this.jobIndex = new Map(names.map((name, job) => [name, job]));
    this.jobs = functions;
    this.runChunk = (job, args, chunk, worker) => void this.jobs[job](args, chunk, worker);
    Atomics.store(this.ctl, LIMIT, 1);
  }

  /** Whether worker threads can exist here (Node's worker_threads, shared memory). */
  get canThread(): boolean {
    return this.spawn !== null;
  }

  get size(): number {
    return this.threads;
  }

  /** Threads running now: the calling one and the workers that have started (they start in the background). */
  get running(): number {
    return 1 + Atomics.load(this.ctl, STARTED);
  }

  resize(threads: number): void {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`setThreads: expected a whole number ≥ 1, got ${threads}`);
    this.threads = this.spawn ? threads : 1;
    for (; this.spawned < this.threads; this.spawned++) this.spawn!(this.spawned)?.unref();
    Atomics.store(this.ctl, LIMIT, this.threads);
  }

  /**
   * Resolves once every worker of the current size is up (a no-op without workers). Kernels never
   * need this — they run on the calling thread until workers join — but a test that must
   * exercise the workers does.
   */
  async ready(timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Atomics.load(this.ctl, STARTED) < this.spawned - 1) {
      if (Date.now() > deadline) throw new Error(`wasm backend: ${this.spawned - 1} worker threads did not start within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Job arguments as i32 slots, written where runChunk reads them. */
  args(values: readonly number[]): number {
    this.heap.i32.set(values, ARGS_BYTE_OFFSET >> 2);
    return ARGS_BYTE_OFFSET;
  }

  /**
   * Run chunks 0 … chunks−1 of the job `name` (an exported …Chunk function), in parallel when
   * `parallel` and there are threads. Chunks must be independent: any thread may run any chunk.
   */
  run(name: JobName, args: number, chunks: number, parallel: boolean): void {
    const job = this.jobIndex.get(name);
    if (job === undefined) throw new Error(`wasm backend: the kernel module has no job named "${name}"`);
    if (chunks > MAX_CHUNKS) throw new RangeError(`wasm backend: a job of ${chunks} chunks is more than ${MAX_CHUNKS}`);
    if (!parallel || this.threads === 1 || chunks === 1) {
      const fn = this.jobs[job];
      for (let c = 0; c < chunks; c++) fn(args, c, 0);
      return;
    }
    const ctl = this.ctl;
    const gen = (this.gen = (this.gen + 1) | 0);
    const tag = (gen & 0xffff) << 16;
    Atomics.store(ctl, NEXT, tag | 0xffff);
    Atomics.store(ctl, JOB, job);
    Atomics.store(ctl, ARGS, args);
    Atomics.store(ctl, TOTAL, chunks);
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, FAILED, 0);
    Atomics.store(ctl, NEXT, tag);
    Atomics.store(ctl, GEN, gen);
    Atomics.notify(ctl, GEN);
    const failure = this.callerRuns ? runClaimedChunks(ctl, gen, 0, this.runChunk) : undefined;
    // Wait even after a failure: the workers must be done with this job's memory before it is reused.
    // A worker's last chunk usually ends within microseconds of the caller's: spin on that first,
    // since waking from Atomics.wait costs more than the wait itself.
    for (let spin = 0; spin < CALLER_SPIN && Atomics.load(ctl, DONE) < chunks; spin++);
    for (let done = Atomics.load(ctl, DONE); done < chunks; done = Atomics.load(ctl, DONE)) {
      Atomics.wait(ctl, DONE, done, 1);
    }
    if (failure !== undefined) throw failure;
    if (Atomics.load(ctl, FAILED)) {
      const { worker, chunk, message } = readFailure(ctl);
      throw new Error(`wasm backend: job "${name}" failed on worker thread ${worker}, chunk ${chunk} of ${chunks}: ${message}`);
    }
  }
}
