/** Views and rearrangements: reshape, squeeze, permute, transpose, expand. */
import { kernels } from "../backend/registry.js";
import { record } from "../autograd/record.js";
import { broadcastShapes, checkShape, fmtShape, normAxis, sameShape, ShapeError, sizeOf } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { sumTo } from "./helpers.js";

/** Same elements, new shape; one dimension may be -1 and is then inferred. Shares storage. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkDims("reshape", "shape", shape, -1);
  const inferred = shape.indexOf(-1);
  const known = shape.reduce((n, d, i) => (i === inferred ? n : n * d), 1);
  const dims = [...shape];
  if (inferred >= 0) {
    if (shape.indexOf(-1, inferred + 1) >= 0) throw new ShapeError(`reshape: only one dimension can be -1, got ${fmtShape(shape)}`);
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)}`);
    }
    dims[inferred] = x.size / known;
  }
  if (dims.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(dims) !== x.size) {
    throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)}`);
  }
  if (sameShape(dims, x.shape)) return x;
  const out = new Tensor(x.values, dims);
  return record("reshape", out, [x], (g) => [reshape(g, x.shape)]);
}

/** Flatten dimensions start…end (inclusive) into one. */
export function flatten(x: Tensor, start = 0, end = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normAxis("flatten", start, x.ndim);
  const e = normAxis("flatten", end, x.ndim);
  if (s > e) throw new ShapeError(`flatten: start axis ${start} comes after end axis ${end} for shape ${fmtShape(x.shape)}`);
  const merged = x.shape.slice(s, e + 1).reduce((n, d) => n * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Drop size-1 dimensions (all of them, or just `axis`). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const a = normAxis("squeeze", axis, x.ndim);
  if (x.shape[a] !== 1) return x;
  return reshape(x, x.shape.filter((_, i) => i !== a));
}

/** Insert a size-1 dimension at `axis` (which may be ndim, or negative counting from ndim + 1). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normAxis("unsqueeze", axis, x.ndim + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Reorder the axes: output axis i is input axis perm[i] (negative axes allowed). */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  checkDims("permute", "perm", perm, -x.ndim);
  const axes = perm.map((p) => normAxis("permute", p, x.ndim));
  if (axes.length !== x.ndim || new Set(axes).size !== x.ndim) {
    throw new ShapeError(`permute: [${perm.join(", ")}] is not a permutation of the ${x.ndim} axes of a tensor of shape ${fmtShape(x.shape)}`);
  }
  if (axes.every((p, i) => p === i)) return x;
  const out = Tensor.fromData(kernels().permute(x, axes));
  const inverse = new Array<number>(axes.length);
  axes.forEach((p, i) => (inverse[p] = i));
  return record("permute", out, [x], (g) => [permute(g, inverse)]);
}

/** Swap two axes (the last two by default). */
export function transpose(x: Tensor, a = -2, b = -1): Tensor {
  if (x.ndim < 2 && a === -2 && b === -1) return x;
  const perm = x.shape.map((_, i) => i);
  const i = normAxis("transpose", a, x.ndim);
  const j = normAxis("transpose", b, x.ndim);
  [perm[i], perm[j]] = [perm[j], perm[i]];
  return permute(x, perm);
}

/** Broadcast to a larger shape (a copy, here); -1 keeps that dimension's size. The gradient sums back. */
export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  const lead = sizes.length - x.ndim;
  const shape = checkShape("expand", sizes.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d)));
  const target = broadcastShapes("expand", x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new ShapeError(`expand: a tensor of shape ${fmtShape(x.shape)} cannot be expanded to ${fmtShape(shape)}`);
  }
  if (sameShape(x.shape, shape)) return x;
  const out = Tensor.fromData(kernels().broadcastTo(x, shape));
  return record("expand", out, [x], (g) => [sumTo(g, x.shape)]);
}

/** An array of whole numbers ≥ `min`, or a TypeError naming the function, the argument and what it got. */
function checkDims(fn: string, name: string, dims: unknown, min: number): void {
  if (!Array.isArray(dims)) throw new TypeError(`${fn}: ${name} must be an array of whole numbers (e.g. [3, 2]), got ${JSON.stringify(dims) ?? typeof dims}`);
  const bad = dims.findIndex((d) => !Number.isInteger(d) || d < min);
  if (bad >= 0) throw new TypeError(`${fn}: ${name}[${bad}] must be a whole number${min < 0 ? ` ≥ ${min}` : ""}, got ${JSON.stringify(dims[bad]) ?? typeof dims[bad]}`);
}
