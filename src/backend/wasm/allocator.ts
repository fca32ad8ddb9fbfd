/**
 * Blocks of the shared kernel memory, handed out by size class and taken back for reuse. A block
 * is either a kernel call's scratch (freed when the call returns) or a tensor's storage (freed
 * when its view is garbage collected, see heap.ts). Freed blocks go onto their class's free list
 * and are never coalesced: a training loop asks for the same sizes step after step, so after
 * the first steps every request is served from a free list and the memory stops growing.
 */
const PAGE = 65536;
/** wasm32's limit: 65,536 pages of 64 KiB. */
const MAX_BYTES = 2 ** 32;
/** Memory grows by at least this much at a time, so a run of small allocations grows it rarely. */
const GROW_STEP = 16 * 2 ** 20;
/** Every block has this much room past its end: SIMD loops may read (never write) one vector past the data. */
const SLACK = 16;

/**
 * The size class of a request: 256 bytes and up are rounded to one of four steps per power of two
 * (at most 25% waste, 12% on average), smaller ones to 16 bytes.
 */
export function sizeClass(bytes: number): number {
  const need = bytes + SLACK;
  if (need <= 256) return (need + 15) & ~15;
  const step = 2 ** (Math.floor(Math.log2(need - 1)) - 2);
  return Math.ceil(need / step) * step;
}

/** Kernel memory ran out; the wasm backend adds which kernel asked, on which shapes (see wasm/index.ts). */
export class KernelMemoryError extends RangeError {
  constructor(readonly detail: string) {
    super(`wasm backend: out of kernel memory: ${detail}`);
    this.name = "KernelMemoryError";
  }
}

export class Allocator {
  /** The first byte past the highest block ever handed out. */
  private top: number;
  private readonly free = new Map<number, number[]>();
  /** Bytes in blocks handed out and not yet freed. */
  inUse = 0;

  constructor(private readonly memory: WebAssembly.Memory, private readonly base: number, private readonly onGrow: () => void) {
    this.top = base;
  }

  /** A 16-byte aligned block of at least `bytes` bytes, and its class (pass it back to release). */
  take(bytes: number): { ptr: number; size: number } {
    const size = sizeClass(bytes);
    const ptr = this.free.get(size)?.pop() ?? this.extend(size);
    this.inUse += size;
    return { ptr, size };
  }

  release(ptr: number, size: number): void {
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(ptr);
    this.inUse -= size;
  }

  /** How far the blocks reach: the memory held, whether in use or on a free list. */
  get extent(): number {
    return this.top;
  }

  private extend(size: number): number {
    const ptr = this.top;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // grow by a good step if the memory can, else by just what this block needs
      if (end > MAX_BYTES || (!this.grow(Math.min(MAX_BYTES, Math.max(end, have + GROW_STEP)) - have) && !this.grow(end - have))) {
        throw new KernelMemoryError(
          `a block of ${mib(size)} does not fit. Tensors and kernel scratch hold ${mib(this.inUse)}, ` +
            `${mib(this.top - this.base - this.inUse)} more is free but sized for other requests, and the memory cannot grow past ` +
            `${mib(Math.min(MAX_BYTES, this.memory.buffer.byteLength))} (wasm32 stops at ${mib(MAX_BYTES)}). ` +
            `Hold fewer tensors, use smaller batches, or setBackend("reference"), whose memory is JavaScript's`,
        );
      }
      this.onGrow();
    }
    this.top = end;
    return ptr;
  }

  /** Whether the memory grew by `bytes` (rounded up to pages); false where it may not grow that far. */
  private grow(bytes: number): boolean {
    if (this.memory.buffer.byteLength + bytes > MAX_BYTES) return false;
    try {
      this.memory.grow(Math.ceil(bytes / PAGE));
      return true;
    } catch {
      return false;
    }
  }
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
