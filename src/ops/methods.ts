/**
 * The chaining API: every op is also a Tensor method (x.add(y).relu().sum()). Declared here by
 * interface merging so tensor.ts stays free of op imports.
 */
import { backward, type BackwardOptions } from "../autograd/engine.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import * as A from "./arithmetic.js";
import { cast } from "./cast.js";
import * as C from "./compare.js";
import * as G from "./gather.js";
import type { TensorLike } from "./helpers.js";
import * as M from "./math.js";
import { matmul } from "./matmul.js";
import * as R from "./reduce.js";
import * as S from "./shape.js";
import * as L from "./slice.js";
import { logSoftmax, softmax } from "./softmax.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    add(other: TensorLike): Tensor;
    sub(other: TensorLike): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike, roundingMode?: "trunc" | "floor"): Tensor;
    pow(exponent: TensorLike): Tensor;
    maximum(other: TensorLike): Tensor;
    minimum(other: TensorLike): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    sqrt(): Tensor;
    rsqrt(): Tensor;
    square(): Tensor;
    reciprocal(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    softplus(): Tensor;
    relu(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    round(): Tensor;
    trunc(): Tensor;
    clamp(min?: number, max?: number): Tensor;
    isnan(): Tensor;
    eq(other: TensorLike): Tensor;
    ne(other: TensorLike): Tensor;
    lt(other: TensorLike): Tensor;
    le(other: TensorLike): Tensor;
    gt(other: TensorLike): Tensor;
    ge(other: TensorLike): Tensor;
    sum(axis?: R.Axes, keepDim?: boolean): Tensor;
    mean(axis?: R.Axes, keepDim?: boolean): Tensor;
    max(axis?: R.Axes, keepDim?: boolean): Tensor;
    min(axis?: R.Axes, keepDim?: boolean): Tensor;
    argmax(axis?: number, keepDim?: boolean): Tensor;
    argmin(axis?: number, keepDim?: boolean): Tensor;
    var(axis?: R.Axes, options?: R.VarOptions): Tensor;
    std(axis?: R.Axes, options?: R.VarOptions): Tensor;
    logsumexp(axis?: R.Axes, keepDim?: boolean): Tensor;
    matmul(other: Tensor): Tensor;
    /** `x.reshape([3, 2])` or, as in PyTorch, `x.reshape(3, 2)`. */
    reshape(shape: readonly number[]): Tensor;
    reshape(...shape: number[]): Tensor;
    view(shape: readonly number[]): Tensor;
    view(...shape: number[]): Tensor;
    flatten(start?: number, end?: number): Tensor;
    squeeze(axis?: number): Tensor;
    unsqueeze(axis: number): Tensor;
    /** `x.permute(1, 0)` or `x.permute([1, 0])`. */
    permute(...perm: number[]): Tensor;
    permute(perm: readonly number[]): Tensor;
    transpose(a?: number, b?: number): Tensor;
    readonly T: Tensor;
    expand(shape: readonly number[]): Tensor;
    index(...specs: L.IndexSpec[]): Tensor;
    narrow(axis: number, start: number, length: number): Tensor;
    select(axis: number, i: number): Tensor;
    split(sizes: number | readonly number[], axis?: number): Tensor[];
    chunk(chunks: number, axis?: number): Tensor[];
    gather(axis: number, index: Tensor): Tensor;
    scatterAdd(axis: number, index: Tensor, src: Tensor): Tensor;
    indexSelect(axis: number, index: Tensor): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    to(dtype: DType): Tensor;
    float(): Tensor;
    double(): Tensor;
    int(): Tensor;
    /** Back-propagate from this tensor (a scalar, or pass the gradient of the same shape). */
    backward(grad?: Tensor, options?: BackwardOptions): void;
  }
}

const P = Tensor.prototype;
const binaryMethods = { ...A, ...C } as unknown as Record<string, (a: Tensor, b: TensorLike) => Tensor>;
for (const name of ["add", "sub", "mul", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge"] as const) {
  const fn = binaryMethods[name];
  P[name] = function (this: Tensor, other: TensorLike) {
    return fn(this, other);
  };
}
const unaryMethods = M as unknown as Record<string, (x: Tensor) => Tensor>;
for (const name of [
  "neg", "exp", "log", "log1p", "expm1", "sqrt", "rsqrt", "square", "reciprocal", "sin", "cos", "tanh", "sigmoid",
  "softplus", "relu", "abs", "sign", "floor", "ceil", "round", "trunc", "isnan",
] as const) {
  const fn = unaryMethods[name];
  P[name] = function (this: Tensor) {
    return fn(this);
  };
}
P.div = function (other, roundingMode) { return A.div(this, other, roundingMode); };
P.clamp = function (min, max) { return M.clamp(this, min, max); };
P.sum = function (axis, keepDim) { return R.sum(this, axis, keepDim); };
P.mean = function (axis, keepDim) { return R.mean(this, axis, keepDim); };
P.max = function (axis, keepDim) { return R.max(this, axis, keepDim); };
P.min = function (axis, keepDim) { return R.min(this, axis, keepDim); };
P.argmax = function (axis, keepDim) { return R.argmax(this, axis, keepDim); };
P.argmin = function (axis, keepDim) { return R.argmin(this, axis, keepDim); };
P.var = function (axis, options) { return R.variance(this, axis, options); };
P.std = function (axis, options) { return R.std(this, axis, options); };
P.logsumexp = function (axis, keepDim) { return R.logsumexp(this, axis, keepDim); };
P.matmul = function (other) { return matmul(this, other); };
/** The dimensions of reshape/view/permute, given as one array or as separate numbers. */
const dims = (args: (number | readonly number[])[]): readonly number[] => (args.length === 1 && Array.isArray(args[0]) ? args[0] : (args as number[]));
P.reshape = function (...shape: (number | readonly number[])[]) { return S.reshape(this, dims(shape)); };
P.view = function (...shape: (number | readonly number[])[]) { return S.reshape(this, dims(shape)); };
P.flatten = function (start, end) { return S.flatten(this, start, end); };
P.squeeze = function (axis) { return S.squeeze(this, axis); };
P.unsqueeze = function (axis) { return S.unsqueeze(this, axis); };
P.permute = function (...perm: (number | readonly number[])[]) { return S.permute(this, dims(perm)); };
P.transpose = function (a, b) { return S.transpose(this, a, b); };
Object.defineProperty(P, "T", { get(this: Tensor) { return S.permute(this, this.shape.map((_, i) => this.ndim - 1 - i)); } });
P.expand = function (shape) { return S.expand(this, shape); };
P.index = function (...specs) { return L.index(this, ...specs); };
P.narrow = function (axis, start, length) { return L.narrow(this, axis, start, length); };
P.select = function (axis, i) { return L.select(this, axis, i); };
P.split = function (sizes, axis) { return L.split(this, sizes, axis); };
P.chunk = function (chunks, axis) { return L.chunk(this, chunks, axis); };
P.gather = function (axis, index) { return G.gather(this, axis, index); };
P.scatterAdd = function (axis, index, src) { return G.scatterAdd(this, axis, index, src); };
P.indexSelect = function (axis, index) { return G.indexSelect(this, axis, index); };
P.softmax = function (axis) { return softmax(this, axis); };
P.logSoftmax = function (axis) { return logSoftmax(this, axis); };
P.to = function (dtype) { return cast(this, dtype); };
P.float = function () { return cast(this, "float32"); };
P.double = function () { return cast(this, "float64"); };
P.int = function () { return cast(this, "int32"); };
P.backward = function (grad, options) { backward(this, grad, options); };
