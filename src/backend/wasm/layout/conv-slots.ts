/**
 * The argument slots of the convolution jobs (assembly/conv.ts, assembly/conv-im2col.ts), read by
 * both compilers. The first GEOMETRY_SLOTS slots are the geometry, always three spatial dimensions
 * (depth, height, width; 1-D and 2-D ones padded with size-1 leading dimensions), one field after
 * another, each field [depth, height, width]; the job's own slots follow. Pointers are byte offsets.
 */
export enum GeometryField {
  In, Out, Kernel, Stride, Padding, Dilation,
}

export enum ConvSlot {
  /** 6 geometry fields × 3 dimensions = 18 slots. */
  Geometry = 0,
  Batch = 18,
  InChannels, OutChannels, Groups,
  /** Output positions per column tile (0 when the job uses no tiles). */
  Tile,
  /** Units of work per chunk. */
  PerChunk,
  /** Per-thread scratch (one column tile each), ScratchStride bytes apart. */
  Scratch, ScratchStride,
  /**
   * forward: X = x, W = weight, Y = out, Extra = bias (0: none); input gradient: X = gx, W = weight,
   * Y = gOut; weight gradient: X = x, Y = gOut, Extra = one partial sum per worker; unfold/fold:
   * X = the planes, Y = the columns.
   */
  X, W, Y, Extra,
  /** Input gradient only: blocks of input channels per group. */
  Blocks,
  /** Forward only: 1 to apply ReLU to each output tile while it is in cache. */
  Relu,
}

/** Slots the geometry takes, before ConvSlot.Batch. */
export const GEOMETRY_SLOTS = 18;
