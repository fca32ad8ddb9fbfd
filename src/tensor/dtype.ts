/** Element types a tensor can hold. float32 is the default; int32 holds indices and labels. */
export type DType = "float32" | "int32" | "float64";
/** The storage of a tensor of each dtype. */
export type TypedArray = Float32Array | Int32Array | Float64Array;

/** Every dtype, for messages and checks. */
export const DTYPES: readonly DType[] = ["float32", "int32", "float64"];

/** A zero-filled array of `size` elements of the given dtype. */
export function allocate(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float32": return new Float32Array(size);
    case "int32": return new Int32Array(size);
    case "float64": return new Float64Array(size);
  }
}

/** The dtype an array stores. */
export function dtypeOf(values: TypedArray): DType {
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Int32Array) return "int32";
  return "float64";
}

/** Whether the dtype holds fractions (and so can carry gradients). */
export function isFloat(dtype: DType): boolean {
  return dtype !== "int32";
}

/** The dtype of a binary op's result, as PyTorch promotes: int < float32 < float64. */
export function promote(a: DType, b: DType): DType {
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  return "int32";
}

/** The float dtype an op that must produce fractions (mean, exp, …) returns for this input. */
export function floatOf(dtype: DType): DType {
  return dtype === "int32" ? "float32" : dtype;
}

/** Check an untyped dtype argument, naming the op in the error. */
export function assertDType(op: string, value: unknown): DType {
  if (value === "float32" || value === "int32" || value === "float64") return value;
  throw new TypeError(`${op}: unknown dtype ${JSON.stringify(value)}; expected one of ${DTYPES.join(", ")}`);
}
