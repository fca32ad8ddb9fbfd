/**
 * The argument slots of the elementwise jobs (assembly/elementwise.ts and
 * assembly/elementwise-broadcast.ts), read by both compilers: the host fills them by these names and
 * the kernels read them so. Pointers are byte offsets into the kernel memory.
 */
export enum UnarySlot {
  /** The op's position in UNARY_OPS of src/backend/wasm/elementwise.ts. */
  Op,
  Count, X, Out,
  /** Elements per chunk (a multiple of 16). */
  PerChunk,
  /** clamp's bounds, as float32 bit patterns. */
  Low, High,
}

export enum BroadcastSlot {
  /** A binary op's position in BINARY_OPS of src/backend/wasm/elementwise-broadcast.ts. */
  Op,
  Total, Ndim,
  /** ndim i32: the coalesced output shape. */
  Shape,
  /** 3·ndim i32: operand k's strides in elements, from k·ndim. */
  Strides,
  Out,
  /** Binary ops read In0 and In1 (a, b); where reads In0, In1, In2 (cond, a, b). */
  In0, In1, In2,
  /** ndim i32 of odometer room per thread. */
  Counters,
  /** where's condition is float32 (1) or int32 (0). */
  CondIsFloat,
  /** Output elements per chunk. */
  PerChunk,
}
