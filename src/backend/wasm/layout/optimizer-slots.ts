/**
 * The argument slots of the fused optimiser steps, read by both compilers: the host
 * (src/backend/wasm/optimizer.ts) writes a job's i32 slots at these positions and the kernels
 * (assembly/optimizer.ts) read them by the same names, so the two cannot drift apart. Float
 * hyper-parameters travel as their float32 bit patterns.
 */
export enum OptimizerSlot {
  /** Elements in the parameter. */
  Count,
  /** Elements per chunk (a multiple of 4). */
  PerChunk,
  Param,
  Grad,
  /** Bit 0: maximize; bit 1: the first step (momentum buffer starts as the gradient); bit 2: nesterov; bit 3: amsgrad. */
  Flags,
  Lr,
  WeightDecay,
  /** SGD: momentum buffer (0 without momentum). Adam: first moment. */
  State0,
  /** Adam: second moment. */
  State1,
  /** Adam with amsgrad: the largest second moment so far (else 0). */
  State2,
  /** SGD: momentum. Adam: β1. */
  H0,
  /** SGD: 1 − dampening. Adam: β2. */
  H1,
  /** Adam: eps. */
  H2,
  /** Adam: lr / (1 − β1^t). */
  H3,
  /** Adam: √(1 − β2^t). */
  H4,
  /** AdamW's decoupled decay: θ is first multiplied by this (1 for Adam). */
  H5,
  /** Adam: 1 − β1 (rounded from float64, not formed in float32, so that β = 0.999 gives 0.001). */
  H6,
  /** Adam: 1 − β2. */
  H7,
}

export enum OptimizerFlag {
  Maximize = 1,
  First = 2,
  Nesterov = 4,
  Amsgrad = 8,
}
