/** Importers of the ops that make values: Constant, ConstantOfShape, Shape, and Cast between floats and integers. */
import { cast, full, scalar, tensor } from "../../../ops/index.js";
import { DataType } from "../onnx-schema.js";
import type { Importer } from "./importer.js";
import { asFloatTensor, dimsOf, IntValue, intsOf, type OnnxValue } from "./values.js";

/** Constant: its value from whichever attribute holds it (value, value_float(s), value_int(s)). */
const constant: Importer = (node) => {
  const a = node.attributes;
  const floats = a.floats("value_floats");
  const ints = a.ints("value_ints");
  let value: OnnxValue | undefined = a.tensor("value");
  if (!value && a.has("value_float")) value = scalar(a.float("value_float", 0));
  if (!value && a.has("value_int")) value = new IntValue([], [a.int("value_int", 0)]);
  if (!value && floats.length) value = tensor(Float32Array.from(floats), [floats.length]);
  if (!value && a.has("value_ints")) value = new IntValue([ints.length], [...ints]);
  if (!value) throw node.error("it has none of the attributes value, value_float(s), value_int(s) (sparse and string constants are not imported)");
  const fixed = value;
  return () => [fixed];
};

/** A tensor of the given shape filled with one value (float 0 by default); integer fills stay integers. */
const constantOfShape: Importer = (node) => {
  const fill = node.attributes.tensor("value") ?? tensor([0]);
  return ([shape]) => {
    const dims = intsOf(shape!, node.where);
    if (fill instanceof IntValue) return [new IntValue(dims, new Array<number>(dims.reduce((n, d) => n * d, 1)).fill(fill.data[0]))];
    return [full(dims, fill.values[0])];
  };
};

/** The input's dimensions, from `start` to `end` (opset 15), as integers. */
const shapeOf: Importer = (node) => {
  const start = node.attributes.int("start", 0);
  const end = node.attributes.int("end", Number.MAX_SAFE_INTEGER);
  return ([x]) => {
    const dims = dimsOf(x!).slice(start, end === Number.MAX_SAFE_INTEGER ? undefined : end);
    return [new IntValue([dims.length], dims)];
  };
};

const FLOAT_TYPES: readonly number[] = [DataType.FLOAT, DataType.DOUBLE];
const INT_TYPES: readonly number[] = [DataType.INT64, DataType.INT32];

/** Cast to float (a float32 tensor) or to int64/int32 (integers stay integers; a float tensor is truncated to int32). */
const castImporter: Importer = (node) => {
  const to = node.attributes.int("to", 0);
  if (FLOAT_TYPES.includes(to)) return ([x]) => [asFloatTensor(x!)];
  if (INT_TYPES.includes(to)) return ([x]) => [x instanceof IntValue ? x : cast(x!, "int32")];
  throw node.attributes.refuse("to", to, "loadOnnx casts only to float, double, int64 and int32 (ONNX data types 1, 11, 7, 6)");
};

export const constantImporters: Record<string, Importer> = { Constant: constant, ConstantOfShape: constantOfShape, Shape: shapeOf, Cast: castImporter };
