/** ONNX import: an ONNX file's graph run by Strata's ops as a module that can be fine-tuned. */
export { decodeOnnx, loadOnnx } from "./load.js";
export { OnnxModule } from "./onnx-module.js";
export type { OnnxInput } from "./onnx-module.js";
export { OnnxImportError } from "./errors.js";
export { supportedOnnxOps } from "./registry.js";
