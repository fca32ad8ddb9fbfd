/**
 * The part of onnx.proto that export writes and import reads, as one protobufjs JSON descriptor.
 * Field numbers and types are those of onnx/onnx.proto at ONNX 1.14 (IR version 9; unchanged for
 * these messages since IR version 7): ModelProto, OperatorSetIdProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto (with its typed data fields and external-data location, which import
 * reads), StringStringEntryProto, ValueInfoProto, TypeProto(.Tensor) and TensorShapeProto(.Dimension).
 */
import protobuf from "protobufjs";

const descriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { id: 1, type: "int64" },
            opsetImport: { id: 8, type: "OperatorSetIdProto", rule: "repeated" },
            producerName: { id: 2, type: "string" },
            producerVersion: { id: 3, type: "string" },
            docString: { id: 6, type: "string" },
            graph: { id: 7, type: "GraphProto" },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { id: 1, type: "string" }, version: { id: 2, type: "int64" } },
        },
        GraphProto: {
          fields: {
            node: { id: 1, type: "NodeProto", rule: "repeated" },
            name: { id: 2, type: "string" },
            initializer: { id: 5, type: "TensorProto", rule: "repeated" },
            input: { id: 11, type: "ValueInfoProto", rule: "repeated" },
            output: { id: 12, type: "ValueInfoProto", rule: "repeated" },
            valueInfo: { id: 13, type: "ValueInfoProto", rule: "repeated" },
          },
        },
        NodeProto: {
          fields: {
            input: { id: 1, type: "string", rule: "repeated" },
            output: { id: 2, type: "string", rule: "repeated" },
            name: { id: 3, type: "string" },
            opType: { id: 4, type: "string" },
            attribute: { id: 5, type: "AttributeProto", rule: "repeated" },
            docString: { id: 6, type: "string" },
            domain: { id: 7, type: "string" },
          },
        },
        AttributeProto: {
          fields: {
            name: { id: 1, type: "string" },
            f: { id: 2, type: "float" },
            i: { id: 3, type: "int64" },
            s: { id: 4, type: "bytes" },
            t: { id: 5, type: "TensorProto" },
            g: { id: 6, type: "GraphProto" },
            floats: { id: 7, type: "float", rule: "repeated" },
            ints: { id: 8, type: "int64", rule: "repeated" },
            strings: { id: 9, type: "bytes", rule: "repeated" },
            tensors: { id: 10, type: "TensorProto", rule: "repeated" },
            graphs: { id: 11, type: "GraphProto", rule: "repeated" },
            type: { id: 20, type: "AttributeType" },
          },
          nested: {
            AttributeType: { values: { UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9, GRAPHS: 10 } },
          },
        },
        TensorProto: {
          fields: {
            dims: { id: 1, type: "int64", rule: "repeated" },
            dataType: { id: 2, type: "int32" },
            floatData: { id: 4, type: "float", rule: "repeated" },
            int32Data: { id: 5, type: "int32", rule: "repeated" },
            int64Data: { id: 7, type: "int64", rule: "repeated" },
            name: { id: 8, type: "string" },
            rawData: { id: 9, type: "bytes" },
            doubleData: { id: 10, type: "double", rule: "repeated" },
            externalData: { id: 13, type: "StringStringEntryProto", rule: "repeated" },
            /** 0 DEFAULT (the data is in this message), 1 EXTERNAL (in another file, as externalData says). */
            dataLocation: { id: 14, type: "int32" },
          },
        },
        StringStringEntryProto: {
          fields: { key: { id: 1, type: "string" }, value: { id: 2, type: "string" } },
        },
        ValueInfoProto: {
          fields: { name: { id: 1, type: "string" }, type: { id: 2, type: "TypeProto" } },
        },
        TypeProto: {
          fields: { tensorType: { id: 1, type: "Tensor" } },
          nested: {
            Tensor: { fields: { elemType: { id: 1, type: "int32" }, shape: { id: 2, type: "TensorShapeProto" } } },
          },
        },
        TensorShapeProto: {
          fields: { dim: { id: 1, type: "Dimension", rule: "repeated" } },
          nested: {
            Dimension: { fields: { dimValue: { id: 1, type: "int64" }, dimParam: { id: 2, type: "string" } } },
          },
        },
      },
    },
  },
};

/** onnx.ModelProto, to encode (export) and decode (import). */
export const ModelProto = protobuf.Root.fromJSON(descriptor).lookupType("onnx.ModelProto");

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9, DOUBLE: 11 } as const;

/** The IR version written: 8 (ONNX 1.10–1.12), which every runtime reading opsets ≤ 17 accepts. */
export const IR_VERSION = 8;
/** The default-domain opset written: 17 (ONNX 1.12), supported by onnxruntime ≥ 1.12. */
export const OPSET = 17;
