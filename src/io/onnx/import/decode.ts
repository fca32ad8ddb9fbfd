/** The ONNX model in a file's bytes, decoded with the one protobuf schema export also writes with. */
import { ModelProto } from "../onnx-schema.js";
import { OnnxImportError } from "./errors.js";

export interface TensorProtoJson {
  name?: string;
  dims: number[];
  dataType?: number;
  floatData: number[];
  int32Data: number[];
  int64Data: number[];
  doubleData: number[];
  rawData?: Uint8Array;
  dataLocation?: number;
  externalData: { key?: string; value?: string }[];
}

export interface AttributeJson {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProtoJson;
  g?: unknown;
  floats: number[];
  ints: number[];
  strings: Uint8Array[];
  tensors: TensorProtoJson[];
  graphs: unknown[];
}

export interface NodeJson {
  name?: string;
  opType?: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: AttributeJson[];
}

export interface ValueInfoJson {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim: { dimValue?: number; dimParam?: string }[] } } };
}

export interface GraphJson {
  name?: string;
  node: NodeJson[];
  initializer: TensorProtoJson[];
  input: ValueInfoJson[];
  output: ValueInfoJson[];
}

export interface ModelJson {
  irVersion?: number;
  opsetImport: { domain?: string; version?: number }[];
  producerName?: string;
  graph?: GraphJson;
}

/**
 * The model in bytes, int64 fields as numbers (shapes and indices; an ONNX int64 beyond 2⁵³ only
 * appears as "to the end" in Slice, where the rounding does not matter). Bytes that are not a
 * protobuf ModelProto with a graph are an error naming the file.
 */
export function decodeModel(bytes: Uint8Array, file: string): ModelJson {
  let model: ModelJson;
  try {
    model = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, arrays: true }) as ModelJson;
  } catch (error) {
    throw new OnnxImportError(`loadOnnx: ${file} is not an ONNX model (it does not decode as an onnx.ModelProto: ${(error as Error).message})`, { cause: error });
  }
  if (!model.graph || model.graph.output.length === 0) {
    throw new OnnxImportError(`loadOnnx: ${file} is not an ONNX model: it decodes, but holds no graph with outputs`);
  }
  return model;
}
