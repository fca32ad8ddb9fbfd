// The wasm backend's kernels. Every pointer is a byte offset into the (shared) memory the host
// imports; the host owns all allocation, so this module has no heap and no static data.
export { gemmScratchBytes } from "./gemm";
export { runChunk } from "./jobs";
