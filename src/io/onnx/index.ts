/** ONNX export: a model walked module by module into an ONNX graph, written with protobufjs. */
export { encodeOnnx, exportOnnx } from "./export.js";
export type { OnnxExportOptions } from "./export.js";
