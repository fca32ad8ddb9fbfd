/**
 * strata/io: tensors and training state on disk — safetensors files (the format PyTorch and
 * Hugging Face tools read) and checkpoints written so that a crash never corrupts the last one.
 * Also reads state dicts from torch.save files (loadTorch) without running code from them, and
 * writes models as ONNX files (exportOnnx) and runs ONNX files as modules that can be fine-tuned (loadOnnx).
 * encodeSafetensors / decodeSafetensors / decodeTorch work on bytes and run anywhere; the rest needs Node.js.
 */
export { encodeSafetensors } from "./safetensors-encode.js";
export type { EncodeOptions } from "./safetensors-encode.js";
export type { NamedTensors } from "./named-tensors.js";
export { decodeSafetensors } from "./safetensors-decode.js";
export type { SafetensorsContents } from "./safetensors-decode.js";
export { SafetensorsError } from "./safetensors-format.js";
export { saveSafetensors, loadSafetensors } from "./safetensors-file.js";
export { writeFileAtomic } from "./atomic.js";
export { saveCheckpoint, loadCheckpoint } from "./checkpoint.js";
export type { Checkpoint, CheckpointToSave } from "./checkpoint.js";
export { CheckpointError } from "./checkpoint-error.js";
export type { StateValue } from "./state-tree.js";
export { encodeOnnx, exportOnnx } from "./onnx/index.js";
export type { OnnxExportOptions } from "./onnx/index.js";
export { decodeOnnx, loadOnnx, OnnxImportError, OnnxModule, supportedOnnxOps } from "./onnx/index.js";
export type { OnnxInput } from "./onnx/index.js";
export { decodeTorch, loadTorch, TorchLoadError } from "./torch-load.js";
export type { TorchContents, TorchLoadOptions } from "./torch-load.js";
