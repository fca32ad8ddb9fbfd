/** Making tensors: from arrays, filled, ranges, and seeded random draws. */
import type { DType, TypedArray } from "../tensor/dtype.js";
import { allocate, assertDType, dtypeOf } from "../tensor/dtype.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import { checkShape, fmtShape, ShapeError, sizeOf } from "../tensor/shape.js";
import { Tensor, type NestedArray } from "../tensor/tensor.js";

/** Options of every creation function: the dtype (float32 unless told) and whether the new leaf requires a gradient. */
export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/** Creation options plus the generator to draw from (the default, seeded by manualSeed, unless given). */
export interface RandomOptions extends CreateOptions {
  generator?: Generator;
}

function finish(t: Tensor, options: CreateOptions): Tensor {
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

function inferShape(data: NestedArray, path = "data"): number[] {
  if (typeof data === "number") return [];
  if (!Array.isArray(data)) throw new TypeError(`tensor: ${path} is ${typeof data}; expected a number or an array`);
  if (data.length === 0) return [0];
  const inner = inferShape(data[0], `${path}[0]`);
  data.forEach((d, i) => {
    const s = inferShape(d, `${path}[${i}]`);
    if (s.join() !== inner.join()) {
      throw new ShapeError(`tensor: ragged nested array: ${path}[${i}] has shape ${fmtShape(s)} but ${path}[0] has ${fmtShape(inner)}`);
    }
  });
  return [data.length, ...inner];
}

/**
 * A tensor from a number, nested arrays, or a typed array (with an optional shape; a typed array's
 * dtype is kept unless one is given). Nested arrays default to float32.
 */
export function tensor(data: NestedArray | TypedArray, shapeOrOptions?: readonly number[] | CreateOptions, maybeOptions: CreateOptions = {}): Tensor {
  const options = Array.isArray(shapeOrOptions) ? maybeOptions : ((shapeOrOptions as CreateOptions | undefined) ?? {});
  const explicitShape = Array.isArray(shapeOrOptions) ? checkShape("tensor", shapeOrOptions as number[]) : undefined;
  if (ArrayBuffer.isView(data)) {
    const dtype = options.dtype ? assertDType("tensor", options.dtype) : dtypeOf(data);
    const values = dtype === dtypeOf(data) ? data.slice() : allocate(dtype, data.length);
    if (values !== data && dtype !== dtypeOf(data)) values.set(data);
    const shape = explicitShape ?? [data.length];
    return finish(new Tensor(values, shape), options);
  }
  const shape = inferShape(data);
  const dtype = options.dtype ? assertDType("tensor", options.dtype) : "float32";
  const values = allocate(dtype, sizeOf(shape));
  const flat = typeof data === "number" ? [data] : (data as unknown[]).flat(Infinity as 1) as number[];
  flat.forEach((v, i) => {
    if (typeof v !== "number") throw new TypeError(`tensor: element ${i} is ${typeof v}; expected a number`);
    values[i] = v;
  });
  const t = new Tensor(values, shape);
  if (explicitShape) return finish(reshapeData(t, explicitShape), options);
  return finish(t, options);
}

function reshapeData(t: Tensor, shape: number[]): Tensor {
  if (sizeOf(shape) !== t.size) throw new ShapeError(`tensor: ${t.size} values cannot take shape ${fmtShape(shape)}`);
  return new Tensor(t.values, shape);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options: CreateOptions = {}): Tensor {
  const dims = checkShape("full", shape);
  const values = allocate(options.dtype ?? "float32", sizeOf(dims));
  values.fill(value);
  return finish(new Tensor(values, dims), options);
}

/** A tensor of `shape` filled with 0. */
export function zeros(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of `shape` filled with 1. */
export function ones(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** A 0-d tensor holding `value`. */
export function scalar(value: number, dtype: DType = "float32"): Tensor {
  return full([], value, { dtype });
}

/** A tensor of t's shape (and dtype, unless told) filled with `value`. */
export function fullLike(t: Tensor, value: number, options: CreateOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...options });
}

/** Zeros of t's shape and dtype. */
export function zerosLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return fullLike(t, 0, options);
}

/** Ones of t's shape and dtype. */
export function onesLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return fullLike(t, 1, options);
}

/** Values start, start+step, … below end; arange(n) counts 0…n-1. Integers give int32, as in PyTorch. */
export function arange(startOrEnd: number, end?: number, step = 1, options: CreateOptions = {}): Tensor {
  const start = end === undefined ? 0 : startOrEnd;
  const stop = end === undefined ? startOrEnd : end;
  if (step === 0 || !Number.isFinite(step)) throw new RangeError(`arange: step must be a non-zero finite number, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const integral = [start, stop, step].every(Number.isInteger);
  const dtype = options.dtype ?? (integral ? "int32" : "float32");
  const values = allocate(dtype, n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return finish(new Tensor(values, [n]), options);
}

/** n evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, n: number, options: CreateOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`linspace: the number of points must be a non-negative integer, got ${n}`);
  const values = allocate(options.dtype ?? "float32", n);
  for (let i = 0; i < n; i++) values[i] = n === 1 ? start : start + ((end - start) * i) / (n - 1);
  return finish(new Tensor(values, [n]), options);
}

/** The n × m identity matrix (ones on the main diagonal). */
export function eye(n: number, m = n, options: CreateOptions = {}): Tensor {
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.values[i * m + i] = 1;
  return t;
}

function random(op: string, shape: readonly number[], options: RandomOptions, draw: (g: Generator) => number): Tensor {
  const dims = checkShape(op, shape);
  const generator = options.generator ?? defaultGenerator;
  const values = allocate(options.dtype ?? "float32", sizeOf(dims));
  for (let i = 0; i < values.length; i++) values[i] = draw(generator);
  return finish(new Tensor(values, dims), options);
}

/** Uniform in [low, high) (default [0, 1)). */
export function rand(shape: readonly number[], options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const { low = 0, high = 1 } = options;
  return random("rand", shape, options, (g) => low + (high - low) * g.uniform());
}

/** Normal with the given mean and std (default N(0, 1)). */
export function randn(shape: readonly number[], options: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  const { mean = 0, std = 1 } = options;
  return random("randn", shape, options, (g) => mean + std * g.normal());
}

/** Integers uniform in [low, high), int32. */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (!(high > low)) throw new RangeError(`randint: high (${high}) must exceed low (${low})`);
  return random("randint", shape, { dtype: "int32", ...options }, (g) => low + g.int(high - low));
}

/** 1 with probability p, else 0. */
export function bernoulli(shape: readonly number[], p: number, options: RandomOptions = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
  return random("bernoulli", shape, options, (g) => (g.uniform() < p ? 1 : 0));
}

/** A random permutation of 0…n-1, int32. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`randperm: n must be a non-negative integer, got ${n}`);
  return new Tensor((options.generator ?? defaultGenerator).permutation(n), [n]);
}
