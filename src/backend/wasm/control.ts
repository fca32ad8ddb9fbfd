/**
 * The control block through which the calling thread hands a job's chunks to the worker threads.
 * It lives in the first page of the shared wasm memory as i32 slots, so every thread sees it.
 *
 * A job is published as: NEXT closed (tag of the new generation, chunk 0xFFFF), then JOB, ARGS,
 * TOTAL and DONE written, then NEXT opened at chunk 0, then GEN bumped and waiters woken. Threads
 * claim chunk numbers by compare-and-swap on NEXT, whose top 16 bits carry the generation, so a
 * thread still finishing an old job can never claim a chunk of the next one.
 */
export const CONTROL_BYTE_OFFSET = 1024;
export const GEN = 0;
export const NEXT = 1;
export const TOTAL = 2;
export const DONE = 3;
export const JOB = 4;
export const ARGS = 5;
/** Threads whose id is at least this sit the job out (setThreads lowered the count). */
export const LIMIT = 6;
/** How many workers have instantiated the kernels and are waiting for jobs. */
export const STARTED = 7;
/** Set when a chunk of the current job threw (a wasm trap) on some thread. */
export const FAILED = 8;
export const CONTROL_SLOTS = 9;
/**
 * What went wrong in the first chunk that threw, written by the thread that ran it so the calling
 * thread can say it (a worker's exception object cannot cross threads): i32 worker id, chunk and
 * message length, then the message as UTF-8. Between the control block and the job arguments.
 */
const FAILURE_BYTE_OFFSET = 2048;
const FAILURE_BYTES = 2048;
const FAILURE_HEADER = 12;
/**
 * Chunk numbers are 16 bits, and 0xFFFF marks a job being published; each thread may claim one
 * past the last chunk, so the limit leaves room for that below 0xFFFF.
 */
export const MAX_CHUNKS = 0xff00;

/** Runs one chunk: `job` numbers a …Chunk export of the kernel module (see exports.ts). */
export type RunChunk = (job: number, args: number, chunk: number, worker: number) => void;

export function controlView(memory: WebAssembly.Memory): Int32Array {
  return new Int32Array(memory.buffer, CONTROL_BYTE_OFFSET, CONTROL_SLOTS);
}

/**
 * Claim and run chunks of generation `gen` until none is left; the caller is thread `worker`.
 * A chunk that throws still counts as done (so no thread waits forever on it) and sets FAILED;
 * the first such error is returned.
 */
export function runClaimedChunks(ctl: Int32Array, gen: number, worker: number, run: RunChunk): unknown {
  if (worker >= Atomics.load(ctl, LIMIT)) return undefined;
  let failure: unknown;
  const tag = gen & 0xffff;
  for (;;) {
    const next = Atomics.load(ctl, NEXT);
    if (next >>> 16 !== tag) return failure;
    const chunk = next & 0xffff;
    if (chunk >= Atomics.load(ctl, TOTAL)) return failure;
    if (Atomics.compareExchange(ctl, NEXT, next, next + 1) !== next) continue;
    // Read the total again now that the chunk is ours: a thread held up between its load of NEXT
    // and the exchange while 65,536 jobs went by would see the same tag on a later job, and the
    // total it loaded first may be that of another job. The claim then belongs to the job now
    // published (its JOB and ARGS are read below), and one past its last chunk is not run.
    const total = Atomics.load(ctl, TOTAL);
    if (chunk >= total) return failure;
    try {
      run(Atomics.load(ctl, JOB), Atomics.load(ctl, ARGS), chunk, worker);
    } catch (error) {
      if (Atomics.compareExchange(ctl, FAILED, 0, 1) === 0) writeFailure(ctl.buffer, worker, chunk, error);
      failure ??= error;
    }
    if (Atomics.add(ctl, DONE, 1) + 1 === total) Atomics.notify(ctl, DONE);
  }
}

function writeFailure(buffer: ArrayBufferLike, worker: number, chunk: number, error: unknown): void {
  // the stack names the wasm function and offset that trapped
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const bytes = new TextEncoder().encode(text).subarray(0, FAILURE_BYTES - FAILURE_HEADER);
  new Uint8Array(buffer, FAILURE_BYTE_OFFSET + FAILURE_HEADER, bytes.length).set(bytes);
  new Int32Array(buffer, FAILURE_BYTE_OFFSET, 3).set([worker, chunk, bytes.length]);
}

/** The first failure of the current job, as written by the thread that ran its chunk (read once FAILED is set and every chunk is done). */
export function readFailure(ctl: Int32Array): { worker: number; chunk: number; message: string } {
  const [worker, chunk, length] = new Int32Array(ctl.buffer, FAILURE_BYTE_OFFSET, 3);
  // TextDecoder will not read a view of shared memory: copy the bytes out first
  const message = new TextDecoder().decode(new Uint8Array(ctl.buffer, FAILURE_BYTE_OFFSET + FAILURE_HEADER, length).slice());
  return { worker, chunk, message };
}
