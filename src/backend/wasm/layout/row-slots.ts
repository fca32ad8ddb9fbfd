/**
 * The argument slots of the row-wise jobs — LSTM cell, softmax, reductions and batch norm — read by
 * both compilers: the host fills them by these names (through slotValues) and the kernels read them
 * so. Pointers are byte offsets into the kernel memory; a pointer slot of 0 means "none".
 */
export enum LstmSlot {
  Batch, Hidden,
  /** Rows of the state per chunk. */
  RowsPerChunk,
  /** Forward: gate pre-activations [B, 4H] and c [B, H] in; h′, c′, activations, tanh(c′) out. */
  Gates, C, H, CNext, Activations, TanhC,
}

export enum LstmBackwardSlot {
  Batch, Hidden, RowsPerChunk,
  /** dLoss/dh′ and dLoss/dc′ (either may be 0: no gradient reached that output). */
  GradH, GradC,
  C, Activations, TanhC,
  /** Out: the gates' gradient [B, 4H] and c's [B, H]. */
  GradGates, GradCOut,
}

export enum SoftmaxSlot {
  /** 1 for log-softmax. */
  Log,
  X, Out, Outer, Size, Inner, PerChunk,
}

export enum ReduceRunsSlot {
  /** The op's code: sum 0, max 1, min 2, prod 3 (OP_CODES of src/backend/wasm/reduce.ts). */
  Op,
  X,
  /** Slices; each is `Runs` runs of `RunLength` contiguous floats. */
  K, Runs, RunLength,
  /** Pieces each slice is cut into (more than 1: f64 partials, combined by reduceFinish). */
  Parts,
  Out, Partials, PerChunk,
}

export enum ReduceColumnsSlot {
  Op, X, Outer, Reduced, Inner, Out, PerChunk,
}

export enum ArgReduceSlot {
  /** 1 for argmin, 0 for argmax. */
  Min,
  X, Outer, Reduced, Inner, Out, PerChunk,
}

/** Slots 0–1 carry eps as the two halves of its float64 bits (the args block is 16-byte aligned). */
export enum BatchNormSlot {
  EpsLow, EpsHigh,
  X, Out, N, C, S,
  /** [C] each, 0 when absent. */
  Weight, Bias,
  /** Out: the batch statistics [C]. */
  Mean, Variance,
  /** Channels per chunk. */
  PerChunk,
}

export enum BatchNormBackwardSlot {
  EpsLow, EpsHigh,
  X, Grad, GradInput, N, C, S, Mean, Variance,
  /** 0 when absent. */
  Weight,
  GradWeight, GradBias, PerChunk,
}
