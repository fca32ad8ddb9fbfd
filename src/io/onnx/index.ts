/** ONNX export: a model walked module by module into an ONNX graph, written with protobufjs. */
export { encodeOnnx, exportOnnx } from "./export.js";
export type { OnnxExportOptions } from "./export.js";
/** ONNX import: an ONNX graph as a module run by Strata's ops. */
export { decodeOnnx, loadOnnx, OnnxImportError, OnnxModule, supportedOnnxOps } from "./import/index.js";
export type { OnnxInput } from "./import/index.js";
