// The wasm backend's kernels. Every pointer is a byte offset into the (shared) memory the host
// imports; the host owns all allocation, so this module has no heap and no static data.
// Functions named …Chunk are parallel jobs (see jobs.ts); one export line per kernel family.
export { gemm, gemmScratchBytes } from "./gemm";
export { gemmChunk, gemmNTChunk } from "./jobs";
export { lstmCellChunk, lstmCellBackwardChunk } from "./lstm";
export { unaryChunk } from "./elementwise";
export { binaryBroadcastChunk, whereBroadcastChunk } from "./elementwise-broadcast";
export { convForwardChunk, convGradInputChunk, convGradWeightChunk, unfoldChunk, foldChunk } from "./conv";
export { poolMaxChunk, poolSumChunk, poolSumGradChunk } from "./pool";
export { unpoolChunk, unpoolGradChunk } from "./pool-switches";
export { reduceRunsChunk, reduceFinish, reduceColumnsChunk, argReduceChunk } from "./reduce";
export { softmaxChunk } from "./softmax";
export { batchNormForwardChunk, batchNormBackwardChunk } from "./batchnorm";
export { sgdStepChunk, adamStepChunk } from "./optimizer";
export { simdPeakChunk } from "./peak";

/** Zero `bytes` bytes at `ptr` (bulk memory's fill: memset speed, where JavaScript's fill on shared memory is not). */
export function zeroFill(ptr: usize, bytes: usize): void {
  memory.fill(ptr, 0, bytes);
}
