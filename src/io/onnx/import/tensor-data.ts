/** A TensorProto's values (initializers, Constant nodes): float32 tensors or JavaScript integers. */
import { tensor } from "../../../ops/index.js";
import { DataType } from "../onnx-schema.js";
import type { TensorProtoJson } from "./decode.js";
import { OnnxImportError } from "./errors.js";
import { IntValue, type OnnxValue } from "./values.js";

const EXTERNAL = 1;

/**
 * raw_data bytes copied to a buffer of their own: the field may start at any offset of the file's
 * buffer, and (in Node) is a Buffer, whose slice() would be a view. Little-endian, as ONNX stores it.
 */
function aligned(raw: Uint8Array): ArrayBuffer {
  return new Uint8Array(raw).buffer;
}

function floatsOf(t: TensorProtoJson, raw: Uint8Array | undefined): Float32Array {
  if (t.dataType === DataType.DOUBLE) return raw ? Float32Array.from(new Float64Array(aligned(raw))) : Float32Array.from(t.doubleData);
  return raw ? new Float32Array(aligned(raw)) : Float32Array.from(t.floatData);
}

/** int64, int32, int8, uint8 and bool values (int8/uint8/bool are packed into int32_data when not raw). */
function intsOf(t: TensorProtoJson, raw: Uint8Array | undefined): number[] {
  switch (t.dataType) {
    case DataType.INT64:
      return raw ? Array.from(new BigInt64Array(aligned(raw)), Number) : t.int64Data;
    case DataType.INT32:
      return raw ? Array.from(new Int32Array(aligned(raw))) : t.int32Data;
    case DataType.INT8:
      return raw ? Array.from(new Int8Array(aligned(raw))) : t.int32Data;
    default:
      return raw ? Array.from(raw) : t.int32Data;
  }
}

const FLOATS: readonly number[] = [DataType.FLOAT, DataType.DOUBLE];
const INTS: readonly number[] = [DataType.INT64, DataType.INT32, DataType.INT8, DataType.UINT8, DataType.BOOL];

/**
 * The tensor's values. where names it in errors (the file and the initializer or node). Data in
 * an external file is refused: the import reads one file (save the model with the weights inside,
 * onnx.save_model(model, path, save_as_external_data=False), for a model under 2 GB).
 */
export function readTensor(t: TensorProtoJson, where: string): OnnxValue {
  if (t.dataLocation === EXTERNAL || t.externalData.length > 0) {
    const location = t.externalData.find((e) => e.key === "location")?.value ?? "another file";
    throw new OnnxImportError(`${where} keeps its data outside the model, in ${location} (ONNX external data), which loadOnnx does not read; save the model with its weights inside (onnx.save_model(model, path, save_as_external_data=False))`);
  }
  const dims = t.dims;
  const size = dims.reduce((n, d) => n * d, 1);
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  const dataType = t.dataType ?? 0;
  const checked = <T extends { length: number }>(values: T): T => {
    if (values.length !== size) throw new OnnxImportError(`${where} has ${values.length} values for dims [${dims.join(", ")}] (${size} values)`);
    return values;
  };
  if (FLOATS.includes(dataType)) return tensor(checked(floatsOf(t, raw)), dims);
  if (INTS.includes(dataType)) return new IntValue(dims, checked(intsOf(t, raw)));
  throw new OnnxImportError(`${where} has data type ${dataType}, which loadOnnx does not read (float, double, int64, int32, int8, uint8 and bool are read)`);
}
