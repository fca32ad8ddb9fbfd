/**
 * Kernel memory: one shared WebAssembly.Memory whose first page holds the control block and job
 * arguments, and whose rest is a stack-like arena. A kernel call takes what it needs with alloc()
 * inside `scoped`, which gives it all back when the call returns, so memory use is the peak of a
 * single kernel call and stays flat however long training runs (wasm memory never shrinks).
 */
import type { TypedArray } from "../../tensor/dtype.js";

const PAGE = 65536;
/** Job arguments (i32 slots) start here, after the control block. */
export const ARGS_BYTE_OFFSET = 4096;
const ARENA_BASE = PAGE;

export class Heap {
  private top = ARENA_BASE;
  private buffer: ArrayBufferLike;
  private f32View: Float32Array;
  private i32View: Int32Array;

  constructor(readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.f32View = new Float32Array(this.buffer);
    this.i32View = new Int32Array(this.buffer);
  }

  /** 16-byte aligned room for `bytes` bytes, valid until the enclosing `scoped` returns. */
  alloc(bytes: number): number {
    const ptr = (this.top + 15) & ~15;
    this.top = ptr + bytes;
    if (this.top > this.buffer.byteLength) this.grow(this.top);
    return ptr;
  }

  /** Run fn, then free everything it allocated. */
  scoped<T>(fn: () => T): T {
    const mark = this.top;
    try {
      return fn();
    } finally {
      this.top = mark;
    }
  }

  get f32(): Float32Array {
    return this.f32View;
  }

  get i32(): Int32Array {
    return this.i32View;
  }

  /** Copy a float32 or int32 array into fresh arena memory; returns its byte offset. */
  put(values: TypedArray): number {
    const ptr = this.alloc(values.length * 4);
    (values instanceof Int32Array ? this.i32View : this.f32View).set(values, ptr >> 2);
    return ptr;
  }

  /** A new (unshared) Float32Array copied out of the arena. */
  takeF32(ptr: number, length: number): Float32Array {
    return this.f32View.slice(ptr >> 2, (ptr >> 2) + length);
  }

  /** A new (unshared) Int32Array copied out of the arena. */
  takeI32(ptr: number, length: number): Int32Array {
    return this.i32View.slice(ptr >> 2, (ptr >> 2) + length);
  }

  private grow(end: number): void {
    const pages = Math.ceil((end - this.buffer.byteLength) / PAGE);
    try {
      this.memory.grow(pages);
    } catch (cause) {
      throw new RangeError(`wasm backend: cannot grow kernel memory to ${(end / 2 ** 20).toFixed(0)} MiB (one kernel call needs that much)`, { cause });
    }
    this.buffer = this.memory.buffer;
    this.f32View = new Float32Array(this.buffer);
    this.i32View = new Int32Array(this.buffer);
  }
}
