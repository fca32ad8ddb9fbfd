/** Importers of the ops that rearrange a value: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Expand (on tensors and on integers). */
import { expand, permute, reshape } from "../../../ops/index.js";
import type { Importer, ImportNode } from "./importer.js";
import { onEither, withDims } from "./int-tensor.js";
import { dimsOf, intsOf, type OnnxValue } from "./values.js";

const product = (dims: readonly number[]) => dims.reduce((n, d) => n * d, 1);

/** Reshape's target: 0 copies the input's dimension (unless allowzero), −1 takes what is left. */
const reshapeImporter: Importer = (node) => {
  const allowZero = node.attributes.int("allowzero", 0) === 1;
  return ([x, shape]) => {
    const from = dimsOf(x!);
    const target = intsOf(shape!, node.where).map((d, i) => (d === 0 && !allowZero ? from[i] : d));
    const free = target.indexOf(-1);
    if (free >= 0) target[free] = product(from) / product(target.filter((_, i) => i !== free));
    if (!Number.isInteger(target[free] ?? 0) || product(target) !== product(from)) {
      throw node.error(`cannot reshape [${from.join(", ")}] to [${intsOf(shape!, node.where).join(", ")}]`);
    }
    return [withDims(x!, target, reshape)];
  };
};

/** Flatten: [d0…d(axis−1), d(axis)…] to 2-D. */
const flattenImporter: Importer = (node) => {
  const axis = node.attributes.int("axis", 1);
  return ([x]) => {
    const dims = dimsOf(x!);
    const a = axis < 0 ? axis + dims.length : axis;
    return [withDims(x!, [product(dims.slice(0, a)), product(dims.slice(a))], reshape)];
  };
};

/** The axes of Squeeze/Unsqueeze: an attribute before opset 13, the second input from it on. */
function axesOf(node: ImportNode, input: OnnxValue | undefined, fallback: readonly number[]): number[] {
  return input ? intsOf(input, node.where) : [...fallback];
}

/** Squeeze: the listed size-1 axes removed (all of them when none are listed). */
const squeezeImporter: Importer = (node) => {
  const attribute = node.attributes.ints("axes");
  return ([x, axesInput]) => {
    const dims = dimsOf(x!);
    const axes = axesOf(node, axesInput, attribute).map((a) => (a < 0 ? a + dims.length : a));
    const kept = dims.filter((d, i) => (axes.length ? !axes.includes(i) : d !== 1));
    return [withDims(x!, kept, reshape)];
  };
};

/** Unsqueeze: size-1 axes inserted at the listed positions of the output. */
const unsqueezeImporter: Importer = (node) => {
  const attribute = node.attributes.ints("axes");
  return ([x, axesInput]) => {
    const dims = [...dimsOf(x!)];
    const rank = dims.length + axesOf(node, axesInput, attribute).length;
    const axes = axesOf(node, axesInput, attribute).map((a) => (a < 0 ? a + rank : a)).sort((p, q) => p - q);
    for (const a of axes) dims.splice(a, 0, 1);
    return [withDims(x!, dims, reshape)];
  };
};

/** Transpose: axes permuted by perm (reversed when perm is absent). */
const transposeImporter: Importer = (node) => {
  const perm = node.attributes.ints("perm");
  return ([x]) => {
    const order = perm.length ? [...perm] : dimsOf(x!).map((_, i, all) => all.length - 1 - i);
    return [onEither(x!, (t) => permute(t, order))];
  };
};

/** Expand: NumPy broadcasting of the input and the shape, both ways (a 1 in the shape keeps the input's size). */
const expandImporter: Importer = (node) => ([x, shape]) => {
  const from = dimsOf(x!);
  const to = intsOf(shape!, node.where);
  const rank = Math.max(from.length, to.length);
  const at = (dims: readonly number[], i: number) => dims[dims.length - rank + i] ?? 1;
  const target = Array.from({ length: rank }, (_, i) => (at(to, i) === 1 ? at(from, i) : at(to, i)));
  return [onEither(x!, (t) => expand(t, target))];
};

export const reshapeImporters: Record<string, Importer> = {
  Reshape: reshapeImporter,
  Flatten: flattenImporter,
  Squeeze: squeezeImporter,
  Unsqueeze: unsqueezeImporter,
  Transpose: transposeImporter,
  Expand: expandImporter,
};
