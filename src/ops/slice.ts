/** Picking parts of tensors (index, narrow, select) and joining them (concat, stack), with gradients. */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import { fmtShape, normAxis, sameShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { cast } from "./cast.js";
import { reshape, unsqueeze } from "./shape.js";
import { promote } from "../tensor/dtype.js";

/**
 * One entry per leading dimension: a number picks that index and drops the dimension; null keeps
 * it whole; [start, end, step] takes a Python-style range (negative positions count from the end,
 * end exclusive, step ≥ 1; any of the three may be null/omitted).
 */
export type IndexSpec = number | null | readonly [(number | null)?, (number | null)?, (number | null)?];

/** x[spec0, spec1, …] as in NumPy/PyTorch basic indexing. */
export function index(x: Tensor, ...specs: IndexSpec[]): Tensor {
  if (specs.length > x.ndim) {
    throw new ShapeError(`index: ${specs.length} indices given for a tensor of shape ${fmtShape(x.shape)}`);
  }
  const starts: number[] = [];
  const steps: number[] = [];
  const outShape: number[] = [];
  const keptShape: number[] = [];
  x.shape.forEach((size, d) => {
    const spec = d < specs.length ? specs[d] : null;
    if (typeof spec === "number") {
      const i = spec < 0 ? spec + size : spec;
      if (!Number.isInteger(spec) || i < 0 || i >= size) {
        throw new RangeError(`index: index ${spec} is out of range for dimension ${d} of size ${size} (shape ${fmtShape(x.shape)})`);
      }
      starts.push(i);
      steps.push(1);
      outShape.push(1);
      return;
    }
    const [rawStart, rawEnd, rawStep] = spec ?? [];
    const step = rawStep ?? 1;
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`index: step must be a positive integer, got ${step} for dimension ${d}`);
    const clampPos = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
    const start = clampPos(rawStart ?? 0);
    const end = clampPos(rawEnd ?? size);
    const n = end > start ? Math.ceil((end - start) / step) : 0;
    starts.push(n > 0 ? start : 0);
    steps.push(step);
    outShape.push(n);
    keptShape.push(n);
  });
  const sliced = slicePlain(x, starts, steps, outShape);
  return sameShape(keptShape, outShape) ? sliced : reshape(sliced, keptShape);
}

function slicePlain(x: Tensor, starts: number[], steps: number[], outShape: number[]): Tensor {
  if (sameShape(outShape, x.shape)) return x;
  const out = Tensor.fromData(kernels().slice(x, starts, steps, outShape));
  return record("slice", out, [x], (g) => [sliceGradOp(g, x.shape, starts, steps)]);
}

/** The adjoint of slicing, itself differentiable (its gradient is the slice again). */
function sliceGradOp(g: Tensor, inShape: readonly number[], starts: number[], steps: number[]): Tensor {
  const out = Tensor.fromData(kernels().sliceGrad(g, inShape, starts, steps));
  return record("sliceGrad", out, [g], (gg) => [slicePlain(gg, starts, steps, [...g.shape])]);
}

/** `length` elements of `axis` from `start`. */
export function narrow(x: Tensor, axis: number, start: number, length: number): Tensor {
  const a = normAxis("narrow", axis, x.ndim);
  const size = x.shape[a];
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > size) {
    throw new RangeError(`narrow: start ${start}, length ${length} do not fit dimension ${axis} of size ${size} (shape ${fmtShape(x.shape)})`);
  }
  const specs: IndexSpec[] = x.shape.map(() => null);
  specs[a] = [s, s + length];
  return index(x, ...specs);
}

/** The slice at position i of `axis`, with that axis removed. */
export function select(x: Tensor, axis: number, i: number): Tensor {
  const a = normAxis("select", axis, x.ndim);
  const specs: IndexSpec[] = x.shape.map(() => null);
  specs[a] = i;
  return index(x, ...specs);
}

/** Join tensors along an existing axis; all other dimensions must match (dtypes are promoted). */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ShapeError("concat: needs at least one tensor");
  if (xs[0].ndim === 0) throw new ShapeError("concat: cannot join 0-d tensors; use stack to give them an axis");
  const a = normAxis("concat", axis, xs[0].ndim);
  const dtype = xs.map((x) => x.dtype).reduce(promote);
  xs.forEach((x, i) => {
    const ok = x.ndim === xs[0].ndim && x.shape.every((d, j) => j === a || d === xs[0].shape[j]);
    if (!ok) {
      throw new ShapeError(
        `concat: tensor ${i} has shape ${fmtShape(x.shape)} but tensor 0 has ${fmtShape(xs[0].shape)}; ` +
          `all must match except along axis ${axis}`,
      );
    }
  });
  const inputs = xs.map((x) => cast(x, dtype));
  if (inputs.length === 1) return inputs[0];
  const out = Tensor.fromData(kernels().concat(inputs, a));
  return record("concat", out, inputs, (g) => {
    let offset = 0;
    return inputs.map((x) => {
      const part = narrow(g, a, offset, x.shape[a]);
      offset += x.shape[a];
      return part;
    });
  });
}

/** Join same-shaped tensors along a new axis. */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ShapeError("stack: needs at least one tensor");
  xs.forEach((x, i) => {
    if (!sameShape(x.shape, xs[0].shape)) {
      throw new ShapeError(`stack: tensor ${i} has shape ${fmtShape(x.shape)} but tensor 0 has ${fmtShape(xs[0].shape)}; all must match`);
    }
  });
  const a = normAxis("stack", axis, xs[0].ndim + 1);
  return concat(xs.map((x) => unsqueeze(x, a)), a);
}

/** Split along `axis` into pieces of the given sizes (or of `size` each, the last smaller). */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const a = normAxis("split", axis, x.ndim);
  const total = x.shape[a];
  const list: number[] = [];
  if (typeof sizes === "number") {
    if (!(sizes > 0)) throw new RangeError(`split: size must be positive, got ${sizes}`);
    for (let s = 0; s < total; s += sizes) list.push(Math.min(sizes, total - s));
    if (total === 0) list.push(0); // an empty axis still splits into one (empty) piece, as in PyTorch
  } else list.push(...sizes);
  if (list.reduce((n, s) => n + s, 0) !== total) {
    throw new ShapeError(`split: sizes [${list.join(", ")}] do not add up to ${total}, the size of axis ${axis} of ${fmtShape(x.shape)}`);
  }
  let offset = 0;
  return list.map((s) => {
    const part = narrow(x, a, offset, s);
    offset += s;
    return part;
  });
}

/** Split into at most `chunks` pieces of ⌈size / chunks⌉ along `axis` (the last may be smaller), as torch.chunk. */
export function chunk(x: Tensor, chunks: number, axis = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunk: chunks must be a positive integer, got ${chunks}`);
  const a = normAxis("chunk", axis, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[a] / chunks)), a);
}
