/**
 * Kernel memory: one shared WebAssembly.Memory whose first page holds the control block and job
 * arguments, and whose rest is blocks handed out by the allocator. Tensors that wasm kernels
 * compute live there: their `values` is a view into this memory, and the next kernel reads it in
 * place, with no copy in or out. Trainable leaves (parameters) move in on their first use by a
 * kernel. Nobody calls dispose: a block goes back to the allocator when its view is garbage
 * collected (a FinalizationRegistry, whose callbacks run between event-loop turns: fit() and the
 * bench yield one each step).
 *
 * V8 cannot see this memory, so it would collect the views far too seldom: where the runtime can
 * (Node), the heap asks for a full collection after every COLLECT_EVERY bytes of new tensors. (Only
 * a full collection clears finalization cells; a young-generation one keeps them.) Blocks come
 * back only when the event loop turns, so a loop that never yields gets resident results for its
 * first TURN_ALLOWANCE bytes and ordinary arrays (copied out, as every result once was) after
 * that, until it yields; and past `residentLimit` bytes of live tensors every result is copied out.
 *
 * Where no collection can be forced (a browser), V8 collects when its own heap asks, which the
 * small views of tensors hardly fill: the limit is then what bounds the memory. Results copied out
 * past it are ordinary ArrayBuffers, which V8 does count, so they bring the next collection on.
 */
import type { TypedArray } from "../../tensor/dtype.js";
import type { MutableTensorData, TensorData } from "../kernels.js";
import { isTrainableLeaf, setForeignViewCheck } from "../storage.js";
import { atNextTurn } from "../turn.js";
import { Allocator } from "./allocator.js";

const PAGE = 65536;
/** Job arguments (i32 slots) start here, after the control block. */
export const ARGS_BYTE_OFFSET = 4096;
/** The resident limit where full collections are forced (Node.js). */
const DEFAULT_RESIDENT_MIB = 2048;
/**
 * The resident limit where they cannot be (a browser). Measured on LeNet-5 training (batch 64) in a
 * Chromium worker: with 2048 the memory grew to 612 MiB in 5,000 steps; with 128 it stays at 148
 * MiB, and 3.7% of the results are copied out (30% with 64; none with 256, whose memory reached 276 MiB).
 */
const UNCOLLECTED_RESIDENT_MIB = 128;
/**
 * A full collection is asked for after this many bytes of new tensor blocks, or half the bytes
 * held, if more: one costs 1–5 ms with a small JS heap, against the 10–60 ms of tensors a LeNet-5
 * or LSTM step makes.
 */
const COLLECT_EVERY = 128 * 2 ** 20;
/**
 * New tensor blocks allowed between two turns of the event loop. A VGG-11 forward at batch 8
 * makes ~290 MiB of results, all of which must stay resident to run without copies.
 */
const TURN_ALLOWANCE = 512 * 2 ** 20;

/** Where a kernel writes a result, and how the caller gets it as a typed array once it is written. */
export interface KernelOutput<T extends Float32Array | Int32Array = Float32Array | Int32Array> {
  readonly ptr: number;
  /** The result: the resident view itself, or a copy of the scratch it was written to. */
  take(): T;
}

export class Heap {
  private readonly allocator: Allocator;
  private buffer!: ArrayBufferLike;
  private f32View!: Float32Array;
  private i32View!: Int32Array;
  /** Every ArrayBuffer object the memory has had (a shared memory's buffer is replaced, not detached, when it grows). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  /** The views this heap made for tensors; a view of its memory not in here belongs to none. */
  private readonly owned = new WeakSet<TypedArray>();
  private readonly scratch: { ptr: number; size: number }[] = [];
  private readonly reclaim = new FinalizationRegistry<{ ptr: number; size: number }>(({ ptr, size }) => {
    this.allocator.release(ptr, size);
    this.residentBytes -= size;
  });
  /** Bytes in tensor blocks still held (their views not yet collected). */
  residentBytes = 0;
  /** Past this many resident bytes, results are copied out to ordinary arrays. */
  residentLimit: number;

  private sinceCollect = 0;
  /** Bytes of tensor blocks handed out since the event loop last turned. */
  private sinceTurn = 0;
  private turnWatched = false;

  /** `collect` runs a full garbage collection, where the runtime offers one. */
  constructor(readonly memory: WebAssembly.Memory, private readonly collect: (() => void) | null = null) {
    this.allocator = new Allocator(memory, PAGE, () => this.refreshViews());
    this.residentLimit = (collect ? DEFAULT_RESIDENT_MIB : UNCOLLECTED_RESIDENT_MIB) * 2 ** 20;
    this.refreshViews();
    setForeignViewCheck((values) => this.buffers.has(values.buffer) && !this.owned.has(values));
  }

  get f32(): Float32Array {
    return this.f32View;
  }

  get i32(): Int32Array {
    return this.i32View;
  }

  /** Bytes of memory the blocks reach (in use or free for reuse). */
  get extent(): number {
    return this.allocator.extent;
  }

  /** 16-byte aligned scratch of `bytes` bytes, valid until the enclosing `scoped` returns. */
  alloc(bytes: number): number {
    const block = this.allocator.take(bytes);
    this.scratch.push(block);
    return block.ptr;
  }

  /** Run fn, then free the scratch it allocated. */
  scoped<T>(fn: () => T): T {
    const mark = this.scratch.length;
    try {
      return fn();
    } finally {
      while (this.scratch.length > mark) {
        const { ptr, size } = this.scratch.pop()!;
        this.allocator.release(ptr, size);
      }
    }
  }

  /** Whether these values already sit in kernel memory (a tensor a wasm kernel computed). */
  isResident(values: TypedArray): boolean {
    return this.buffers.has(values.buffer);
  }

  /**
   * The byte offset of a tensor's float32 or int32 values in kernel memory: where they are, if they
   * live there already; else a trainable leaf (a parameter) moves in for good, and anything else
   * gets a scratch copy.
   */
  put(data: TensorData | TypedArray): number {
    const values = ArrayBuffer.isView(data) ? data : data.values;
    if (this.isResident(values)) return values.byteOffset;
    if (!ArrayBuffer.isView(data) && isTrainableLeaf(data) && this.moveIn(data)) return data.values.byteOffset;
    const ptr = this.alloc(values.length * 4);
    (values instanceof Int32Array ? this.i32View : this.f32View).set(values, ptr >>> 2);
    return ptr;
  }

  /**
   * The byte offset of a tensor that a kernel updates in place. It moves into kernel memory for
   * good if it is not there yet; past the resident limit it gets a scratch copy instead, which
   * `commit()` (after the kernel) copies back.
   */
  mutable(data: MutableTensorData): { ptr: number; commit(): void } {
    if (this.isResident(data.values) || this.moveIn(data)) return { ptr: data.values.byteOffset, commit: () => {} };
    const ptr = this.put(data.values);
    const n = data.values.length;
    return { ptr, commit: () => data.values.set(new (data.values.constructor as Float32ArrayConstructor)(this.buffer as ArrayBuffer, ptr, n)) };
  }

  /** Move a float32 or int32 tensor's values into a block of their own; false past the resident limit. */
  private moveIn(data: MutableTensorData): boolean {
    const values = data.values;
    if (values.length === 0 || !this.mayHoldResident(values.length * 4)) return false;
    const view = this.output(values.length, values instanceof Int32Array ? "int32" : "float32").take();
    view.set(values);
    data.values = view;
    return true;
  }

  /** Whether a new tensor block of `bytes` stays within the resident limit and this turn's allowance. */
  private mayHoldResident(bytes: number): boolean {
    return this.residentBytes + bytes <= this.residentLimit && this.sinceTurn + bytes <= TURN_ALLOWANCE;
  }

  /**
   * Room for a result of `n` 32-bit values: a block that becomes the result tensor's storage
   * (freed once its view is collected), or, past the resident limit, scratch copied out by take().
   */
  output(n: number): KernelOutput<Float32Array>;
  output(n: number, dtype: "int32"): KernelOutput<Int32Array>;
  output(n: number, dtype: "float32" | "int32"): KernelOutput;
  output(n: number, dtype: "float32" | "int32" = "float32"): KernelOutput {
    const Typed = dtype === "int32" ? Int32Array : Float32Array;
    if (n === 0) return { ptr: 0, take: () => new Typed(0) };
    if (!this.mayHoldResident(n * 4)) {
      const ptr = this.alloc(n * 4);
      // read through the current buffer at take() time: the job may have grown the memory
      return { ptr, take: () => new Typed(this.buffer as ArrayBuffer, ptr, n).slice() };
    }
    const view = this.newResident(n, Typed);
    return { ptr: view.byteOffset, take: () => view };
  }

  /**
   * Room for a result of `n` float32 or int32 values that JavaScript code writes (the reference
   * kernels the backend falls back on), as a tensor block; null for other dtypes, for nothing, or
   * past the resident limit, where the caller allocates in JavaScript instead. A reused block
   * still holds an earlier tensor's values.
   */
  residentValues(dtype: string, n: number): Float32Array | Int32Array | null {
    if ((dtype !== "float32" && dtype !== "int32") || n === 0 || !this.mayHoldResident(n * 4)) return null;
    return this.newResident(n, dtype === "int32" ? Int32Array : Float32Array);
  }

  /** A block of n values that becomes a tensor's storage, given back when its view is collected. */
  private newResident<T extends Float32ArrayConstructor | Int32ArrayConstructor>(n: number, Typed: T): InstanceType<T> {
    this.collectIfDue(n * 4);
    this.countTowardsTurn(n * 4);
    const block = this.allocator.take(n * 4);
    const view = new Typed(this.buffer as ArrayBuffer, block.ptr, n) as InstanceType<T>;
    this.owned.add(view);
    this.reclaim.register(view, block);
    this.residentBytes += block.size;
    return view;
  }

  private countTowardsTurn(bytes: number): void {
    this.sinceTurn += bytes;
    if (this.turnWatched) return;
    this.turnWatched = true;
    atNextTurn(() => {
      this.sinceTurn = 0;
      this.turnWatched = false;
    });
  }

  private collectIfDue(bytes: number): void {
    if (!this.collect) return;
    this.sinceCollect += bytes;
    if (this.sinceCollect < Math.max(COLLECT_EVERY, this.residentBytes / 2)) return;
    this.sinceCollect = 0;
    this.collect();
  }

  private refreshViews(): void {
    const buffer = (this.buffer = this.memory.buffer);
    this.buffers.add(buffer);
    this.f32View = new Float32Array(buffer);
    this.i32View = new Int32Array(buffer);
  }
}
