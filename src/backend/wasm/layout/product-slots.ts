/**
 * The argument slots of the matrix-product jobs (assembly/jobs.ts), read by both compilers: the
 * host (src/backend/wasm/matmul.ts) fills them by these names and the kernels read them so. Strides
 * are in elements, pointers are byte offsets into the kernel memory.
 */
export enum GemmSlot {
  M, N, K,
  /** A(i, p) is at A + 4·(i·RowStrideA + p·ColStrideA). */
  A, RowStrideA, ColStrideA,
  B, RowStrideB, ColStrideB,
  C,
  /** Bands each product is split into, by rows (or by columns if ByColumns is 1). */
  Parts, ByColumns,
  /** Packing scratch, gemmScratchBytes() per thread. */
  Scratch,
  /** 2 i32 per batch entry: the element offsets of its A and B. */
  Offsets,
  /** The epilogue: n floats added to every row (0: none), and 1 to apply ReLU after. */
  Bias, Relu,
}

export enum GemmNTSlot {
  M, N, K,
  /** A [m × k] and B [n × k], both row-major; C [m × n]. */
  A, B, C,
  /** Rows of B per chunk. */
  PerChunk,
  Bias, Relu,
}
