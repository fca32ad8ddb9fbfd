/**
 * The argument slots of the pooling jobs (assembly/pool.ts, assembly/pool-switches.ts), read by
 * both compilers. Every pooling job splits its planes over `Chunks` chunks itself, so the first two
 * slots are the same for all of them. Pointers are byte offsets into the kernel memory.
 */
export enum PoolSlot {
  Planes, Chunks,
  /** The window plan (src/backend/wasm/pool-plan.ts). */
  Plan,
  /** Max and sum: the input planes and the output; sum's gradient: gOut and gIn. */
  Source, Destination,
  /** Max only: where each maximum came from (int32, one per output). */
  Indices,
}

export enum UnpoolSlot {
  Planes, Chunks,
  /** unpool: the values and their switches (per plane), scattered into Out; unpoolGrad: gathered from Values. */
  Values, Indices, Out,
  /** Elements per plane of Values, and of Out (for unpoolGrad, of Indices and Out). */
  ValuesPlane, OutPlane,
  /** unpool only: 1 to add (max-pool backward), 0 to assign (MaxUnpool). */
  Accumulate,
}
