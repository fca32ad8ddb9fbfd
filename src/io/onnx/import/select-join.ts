/** Importers of the ops that pick and join parts: Slice, Gather (an embedding lookup, or a pick from a shape), Concat, Pad. */
import { concat, index, indexSelect, pad, reshape, tensor, type IndexSpec } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { Importer } from "./importer.js";
import { onEither } from "./int-tensor.js";
import { asFloatTensor, asIntTensor, dimsOf, IntValue, intsOf } from "./values.js";

/** Slice: starts, ends (clamped), axes and positive steps from the inputs (opset ≥ 10) or the attributes (before). */
const slice: Importer = (node) => {
  const a = node.attributes;
  const fromAttributes = { starts: a.ints("starts"), ends: a.ints("ends"), axes: a.ints("axes") };
  return ([x, startsIn, endsIn, axesIn, stepsIn]) => {
    const dims = dimsOf(x!);
    const starts = startsIn ? intsOf(startsIn, node.where) : [...fromAttributes.starts];
    const ends = endsIn ? intsOf(endsIn, node.where) : [...fromAttributes.ends];
    const axes = axesIn ? intsOf(axesIn, node.where) : fromAttributes.axes.length ? [...fromAttributes.axes] : starts.map((_, i) => i);
    const steps = stepsIn ? intsOf(stepsIn, node.where) : starts.map(() => 1);
    if (steps.some((s) => s < 1)) throw node.error(`steps [${steps.join(", ")}]: only positive steps are imported`);
    const specs: IndexSpec[] = dims.map(() => null);
    axes.forEach((axis, i) => (specs[axis < 0 ? axis + dims.length : axis] = [starts[i], ends[i], steps[i]]));
    return [onEither(x!, (t) => index(t, ...specs))];
  };
};

/** out = data taken along `axis` at the indices (negative ones count from the end), shaped data[:axis] + indices + data[axis+1:]. */
const gather: Importer = (node) => {
  const axis = node.attributes.int("axis", 0);
  return ([data, indices]) => {
    const dims = dimsOf(data!);
    const a = axis < 0 ? axis + dims.length : axis;
    const positions = asIntTensor(indices!, node.where);
    const wrapped = positions.values.some((i) => i < 0) ? tensor(Int32Array.from(positions.values, (i) => (i < 0 ? i + dims[a] : i)), positions.shape) : positions;
    const shape = [...dims.slice(0, a), ...positions.shape, ...dims.slice(a + 1)];
    const pick = (t: Tensor) => reshape(indexSelect(t, a, reshape(wrapped, [wrapped.size])), shape);
    return [onEither(data!, pick)];
  };
};

/** Concat: 1-D integer values (shapes being built) joined in JavaScript; anything else as tensors. */
const concatImporter: Importer = (node) => {
  const axis = node.attributes.int("axis", 0);
  return (inputs) => {
    const parts = inputs.filter((v) => v !== undefined);
    if (parts.every((v) => v instanceof IntValue && v.dims.length === 1)) {
      const data = parts.flatMap((v) => (v as IntValue).data);
      return [new IntValue([data.length], data)];
    }
    if (parts.every((v) => v instanceof IntValue)) return [onEither(parts[0], () => concat(parts.map((v) => asIntTensor(v, node.where)), axis))];
    return [concat(parts.map(asFloatTensor), axis)];
  };
};

/** Pad (mode constant): ONNX's pads [begin of each axis…, end of each axis…] as F.pad's pairs, last axis first. */
const padImporter: Importer = (node) => {
  const a = node.attributes;
  const mode = a.string("mode", "constant");
  if (mode !== "constant") throw a.refuse("mode", mode, "only constant padding is imported");
  const attributePads = a.ints("pads");
  const attributeValue = a.float("value", 0);
  return ([x, padsIn, valueIn, axesIn]) => {
    if (axesIn) throw node.error("its axes input (opset 18) is not imported; pad every axis");
    const pads = padsIn ? intsOf(padsIn, node.where) : [...attributePads];
    const rank = pads.length / 2;
    const pairs = Array.from({ length: rank }, (_, i) => [pads[rank - 1 - i], pads[2 * rank - 1 - i]]).flat();
    const value = valueIn ? asFloatTensor(valueIn).values[0] : attributeValue;
    return [pairs.every((p) => p === 0) ? x! : pad(asFloatTensor(x!), pairs, value)];
  };
};

export const selectJoinImporters: Record<string, Importer> = { Slice: slice, Gather: gather, Concat: concatImporter, Pad: padImporter };
