/**
 * The part of onnx.proto that export writes, as a protobufjs JSON descriptor. Field numbers and
 * types are those of onnx/onnx.proto at ONNX 1.14 (IR version 9; unchanged for these messages
 * since IR version 7): ModelProto, OperatorSetIdProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto(.Tensor) and TensorShapeProto(.Dimension).
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
          },
        },
        AttributeProto: {
          fields: {
            name: { id: 1, type: "string" },
            f: { id: 2, type: "float" },
            i: { id: 3, type: "int64" },
            s: { id: 4, type: "bytes" },
            floats: { id: 7, type: "float", rule: "repeated" },
            ints: { id: 8, type: "int64", rule: "repeated" },
            strings: { id: 9, type: "bytes", rule: "repeated" },
            type: { id: 20, type: "AttributeType" },
          },
          nested: {
            AttributeType: { values: { UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } },
          },
        },
        TensorProto: {
          fields: {
            dims: { id: 1, type: "int64", rule: "repeated" },
            dataType: { id: 2, type: "int32" },
            name: { id: 8, type: "string" },
            rawData: { id: 9, type: "bytes" },
          },
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

/** onnx.ModelProto, ready to encode. */
export const ModelProto = protobuf.Root.fromJSON(descriptor).lookupType("onnx.ModelProto");

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;

/** The IR version written: 8 (ONNX 1.10–1.12), which every runtime reading opsets ≤ 17 accepts. */
export const IR_VERSION = 8;
/** The default-domain opset written: 17 (ONNX 1.12), supported by onnxruntime ≥ 1.12. */
export const OPSET = 17;
