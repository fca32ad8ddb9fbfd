/**
 * The kernel contract. A backend implements some or all of these by name; whatever it lacks falls
 * back to the reference backend. Kernels read their inputs and return a new result, never touching
 * autograd; the optimiser steps alone update tensors in place (a `MutableTensorData`). Shapes passed
 * in have already been validated by the op.
 */
import type { DType, TypedArray } from "../tensor/dtype.js";

/** What a kernel reads and returns: a contiguous row-major array with its shape and dtype. */
export interface TensorData {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: TypedArray;
}

/**
 * A tensor a kernel updates in place. Its `values` may be replaced by the same values in memory of
 * the backend's own (the wasm backend moves a parameter into its kernel memory on first use).
 */
export interface MutableTensorData extends TensorData {
  values: TypedArray;
}

/** The hyper-parameters every fused optimiser step takes. */
export interface StepHyperParams {
  lr: number;
  /** L2 penalty folded into the gradient: g + weightDecay·θ. */
  weightDecay: number;
  /** Ascend: the gradient is negated first. */
  maximize: boolean;
}

/** SGD's (PyTorch's rule; see optim/sgd.ts). */
export interface SgdStepParams extends StepHyperParams {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  /** The first step with momentum: the buffer starts as the gradient. */
  first: boolean;
}

/** Adam's and AdamW's, for step t (see optim/adam.ts). */
export interface AdamStepParams extends StepHyperParams {
  beta1: number;
  beta2: number;
  eps: number;
  /** lr / (1 − β1^t). */
  stepSize: number;
  /** √(1 − β2^t). */
  biasCorrection2Sqrt: number;
  /** θ is multiplied by this before the step: 1 − lr·weightDecay for AdamW's decoupled decay, 1 for Adam. */
  shrink: number;
}

export type UnaryOp =
  | "neg" | "abs" | "sign" | "exp" | "log" | "log1p" | "expm1" | "sqrt" | "rsqrt" | "square"
  | "reciprocal" | "sin" | "cos" | "tanh" | "sigmoid" | "relu" | "floor" | "ceil" | "round" | "trunc"
  | "softplus" | "step" | "isnan" | "erf";

/** `reluMask` is ReLU's backward: a where b > 0 (or NaN), else 0 (PyTorch's threshold_backward). */
export type BinaryOp =
  | "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum"
  | "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "reluMask";

/** An activation a kernel may apply to its result as it writes it (fused conv + bias + ReLU). */
export type FusedActivation = "relu" | null;

/** What a matrix product does to its result before handing it back (fused linear + bias + ReLU). */
export interface MatmulEpilogue {
  /** Added to every row: [n], one value per output column. */
  bias: TensorData | null;
  activation: FusedActivation;
}

export type ReduceOp = "sum" | "max" | "min" | "prod";

/**
 * One spatial axis of a pooling plan. Pooling reads the trailing axes of its input, one PoolAxis
 * each; the leading axes are independent planes. Output position o along this axis reads the
 * input positions first[o] + j·step for 0 ≤ j < count[o], already clipped to [0, inSize).
 */
export interface PoolAxis {
  readonly inSize: number;
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly step: number;
}

/** One position picked per pooling window: its value, and its flat index within its input plane (int32, −1 if none). */
export interface PoolSelection {
  readonly values: TensorData;
  readonly indices: TensorData;
}

/** What batchNormForward returns: the output and the per-channel batch statistics it used. */
export interface BatchNormOutput {
  out: TensorData;
  mean: TensorData;
  /** Biased (divided by the count) variance. */
  variance: TensorData;
}

export interface BatchNormGradients {
  gradInput: TensorData;
  gradWeight: TensorData;
  gradBias: TensorData;
}

/**
 * Where a convolution's window goes, one entry per spatial dimension (1, 2 or 3 of them). The op
 * works out the sizes, so kernels need no rounding rules: `padding` is the zeros before the first
 * element of each dimension (zeros after it only change `outSize`, which is given).
 */
export interface ConvGeometry {
  inSize: readonly number[];
  outSize: readonly number[];
  kernel: readonly number[];
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
  groups: number;
}

/** What lstmCell returns: the next states, and what lstmCellBackward needs. */
export interface LstmCellOutput {
  /** h′ = σ(o)·tanh(c′), [B, H]. */
  h: TensorData;
  /** c′ = σ(f)·c + σ(i)·tanh(g), [B, H]. */
  c: TensorData;
  /** The activated gates σ(i), σ(f), tanh(g), σ(o), laid out as the pre-activations, [B, 4H]. */
  activations: TensorData;
  /** tanh(c′), [B, H]. */
  tanhC: TensorData;
}

/** lstmCell's input gradients: for the gate pre-activations [B, 4H] and the previous cell state [B, H]. */
export interface LstmCellGradients {
  gates: TensorData;
  c: TensorData;
}

export interface KernelMap {
  cast(x: TensorData, dtype: DType): TensorData;
  unary(op: UnaryOp, x: TensorData): TensorData;
  /** Elementwise op on two tensors, broadcasting to `outShape`; result dtype `outDtype`. */
  binary(op: BinaryOp, a: TensorData, b: TensorData, outShape: readonly number[], outDtype: DType): TensorData;
  /** x clamped to [lo, hi] (either may be ±Infinity). */
  clamp(x: TensorData, lo: number, hi: number): TensorData;
  /** cond ? a : b, broadcasting all three to `outShape`. */
  where(cond: TensorData, a: TensorData, b: TensorData, outShape: readonly number[], outDtype: DType): TensorData;
  /** Reduce over sorted `axes`, keeping them as size-1 dimensions (the op reshapes). */
  reduce(op: ReduceOp, x: TensorData, axes: readonly number[]): TensorData;
  /** Index (int32) of the max or min along `axis`, keeping it as a size-1 dimension. */
  argReduce(op: "argmax" | "argmin", x: TensorData, axis: number): TensorData;
  /**
   * Batched matrix product over the last two dims; batch dims already broadcast to `batchShape`.
   * With an epilogue, bias is then added to each row and the activation applied (same dtype throughout).
   */
  matmul(a: TensorData, b: TensorData, transA: boolean, transB: boolean, batchShape: readonly number[], epilogue?: MatmulEpilogue): TensorData;
  permute(x: TensorData, perm: readonly number[]): TensorData;
  /** Read `x` broadcast to `shape` into a new contiguous array. */
  broadcastTo(x: TensorData, shape: readonly number[]): TensorData;
  /** Strided slice: for each dim, elements start, start+step, … (`outShape[d]` of them). */
  slice(x: TensorData, starts: readonly number[], steps: readonly number[], outShape: readonly number[]): TensorData;
  /** The adjoint of slice: `g` written into zeros of `inShape` at the sliced positions. */
  sliceGrad(g: TensorData, inShape: readonly number[], starts: readonly number[], steps: readonly number[]): TensorData;
  concat(xs: readonly TensorData[], axis: number): TensorData;
  /** torch.gather: out[i][j][k] = x[i][index[i][j][k]][k] for axis 1, etc. */
  gather(x: TensorData, axis: number, index: TensorData): TensorData;
  /** torch.scatter_add: a copy of `base` with src[i][j][k] added at base[i][index[i][j][k]][k]. */
  scatterAdd(base: TensorData, axis: number, index: TensorData, src: TensorData): TensorData;
  /** Rows of `x` along `axis` picked by a 1-D int32 index. */
  indexSelect(x: TensorData, axis: number, index: TensorData): TensorData;
  /** The adjoint of indexSelect: zeros of `inShape` with g's slices added at the indexed positions. */
  indexAdd(g: TensorData, axis: number, index: TensorData, inShape: readonly number[]): TensorData;
  softmax(x: TensorData, axis: number): TensorData;
  logSoftmax(x: TensorData, axis: number): TensorData;
  /** The maximum of each pooling window and where it is (the first of ties; NaN wins, as PyTorch). */
  poolMax(x: TensorData, axes: readonly PoolAxis[]): PoolSelection;
  /**
   * One position of each pooling window drawn with probability max(x, 0) / Σ max(x, 0), using u
   * (one uniform in [0, 1) per window, shaped as the output); a window with no positive mass gives 0 at index −1.
   */
  poolSample(x: TensorData, axes: readonly PoolAxis[], u: TensorData): PoolSelection;
  /** The sum of each pooling window. */
  poolSum(x: TensorData, axes: readonly PoolAxis[]): TensorData;
  /** The adjoint of poolSum: each element of g added to every input position of its window. */
  poolSumGrad(g: TensorData, axes: readonly PoolAxis[]): TensorData;
  /**
   * x written into zeros of [...x's leading dims, ...planeShape] at the flat per-plane positions in
   * `indices` (x's shape): added if `accumulate` (max-pool backward), else assigned (MaxUnpool). Negative indices are skipped.
   */
  unpool(x: TensorData, indices: TensorData, planeShape: readonly number[], accumulate: boolean): TensorData;
  /**
   * The adjoint of unpool: out[p, o] = g[p, indices[p, o]] per plane, where a plane is the last
   * `spatialDims` dimensions (0 where the index is negative).
   */
  unpoolGrad(g: TensorData, indices: TensorData, spatialDims: number): TensorData;
  /**
   * Training-mode batch norm of x viewed as [N, C, S] (channels on axis 1): each channel's batch
   * mean and biased variance over N·S elements, and (x − mean)/√(variance + eps)·weight + bias
   * (weight and bias, each [C], may be null).
   */
  batchNormForward(x: TensorData, weight: TensorData | null, bias: TensorData | null, eps: number): BatchNormOutput;
  /** The gradients of batchNormForward for dLoss/dOut `grad`, given the statistics it returned. */
  batchNormBackward(x: TensorData, grad: TensorData, mean: TensorData, variance: TensorData, weight: TensorData | null, eps: number): BatchNormGradients;
  /**
   * Cross-correlation of x [N, C, …inSize] with weight [O, C/groups, …kernel], plus bias [O] if
   * given → [N, O, …outSize], then `activation` (default none) applied to every element.
   */
  conv(x: TensorData, weight: TensorData, bias: TensorData | null, geometry: ConvGeometry, activation?: FusedActivation): TensorData;
  /** conv's input gradient (the transposed convolution): gradOut [N, O, …outSize] → [N, C, …inSize]. */
  convGradInput(gradOut: TensorData, weight: TensorData, geometry: ConvGeometry): TensorData;
  /** conv's weight gradient, summed over the batch: x and gradOut → [O, C/groups, …kernel]. */
  convGradWeight(x: TensorData, gradOut: TensorData, geometry: ConvGeometry): TensorData;
  /** Sliding windows as columns (torch's unfold): x [N, C, …inSize] → [N, C·∏kernel, ∏outSize] (groups ignored). */
  unfold(x: TensorData, geometry: ConvGeometry): TensorData;
  /** unfold's adjoint (torch's fold): columns [N, C·∏kernel, ∏outSize] summed into [N, C, …inSize]. */
  fold(cols: TensorData, geometry: ConvGeometry): TensorData;
  /**
   * One LSTM step, pointwise: gates [B, 4H] are the pre-activations x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh in
   * PyTorch's blocks i, f, g, o; c [B, H] is the cell state. All in one float dtype.
   */
  lstmCell(gates: TensorData, c: TensorData): LstmCellOutput;
  /**
   * lstmCell's gradients from dLoss/dh′ and dLoss/dc′ (null where that output got none), given its
   * input c and the activations and tanh(c′) it returned.
   */
  lstmCellBackward(gradH: TensorData | null, gradC: TensorData | null, c: TensorData, activations: TensorData, tanhC: TensorData): LstmCellGradients;
  /** In place: one SGD step on `param` and its momentum buffer (null without momentum), all of one float dtype. */
  sgdStep(param: MutableTensorData, grad: TensorData, momentumBuffer: MutableTensorData | null, h: SgdStepParams): void;
  /** In place: one Adam step on `param` and its moments (`maxExpAvgSq` with amsgrad, else null). */
  adamStep(param: MutableTensorData, grad: TensorData, expAvg: MutableTensorData, expAvgSq: MutableTensorData, maxExpAvgSq: MutableTensorData | null, h: AdamStepParams): void;
}

export type KernelName = keyof KernelMap;
