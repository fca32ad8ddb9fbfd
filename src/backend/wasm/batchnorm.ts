/**
 * Training-mode batch norm, forward and backward, on the wasm kernels (assembly/batchnorm.ts),
 * threads splitting the channels. Float32 only (x, grad, weight and bias); other dtypes and small
 * inputs go to the reference kernels.
 */
import type { KernelMap, TensorData } from "../kernels.js";
import { BatchNormBackwardSlot, BatchNormSlot } from "./layout/row-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";
import type { WasmRuntime } from "./runtime.js";

/**
 * The reference kernels are as fast below this many elements (measured: 2× slower from 1,024 on),
 * and when each channel's runs are shorter than MIN_RUN floats (BatchNorm1d on [N, C] is single
 * strided values, no use for vectors: measured equal).
 */
const SMALL_BATCH_NORM = 1024;
const MIN_RUN = 4;

/** From this many elements the channels are split over the threads (measured 1.2–1.3× faster on 2 threads at [8, 64, 56, 56]). */
const PARALLEL_BATCH_NORM = 1 << 17;

/** [N, C, S] for a tensor of at least two dimensions. */
function channelLayout(shape: readonly number[]): [number, number, number] {
  let inner = 1;
  for (let d = 2; d < shape.length; d++) inner *= shape[d];
  return [shape[0], shape[1], inner];
}

/** eps as the two i32 slots of its float64 bits (little-endian, as the kernel reads them). */
function f64Slots(value: number): number[] {
  return Array.from(new Int32Array(new Float64Array([value]).buffer));
}

/** Whether the wasm kernels take this call: every array float32, x large enough and its runs long enough. */
function useWasm(x: TensorData, ...others: (TensorData | null)[]): boolean {
  const float32 = [x, ...others].every((t) => t === null || t.dtype === "float32");
  return float32 && x.values.length >= SMALL_BATCH_NORM && channelLayout(x.shape)[2] >= MIN_RUN;
}

/** The wasm batchNormForward and batchNormBackward kernels, falling back to `reference`'s. */
export function makeBatchNormKernels(runtime: WasmRuntime, reference: KernelMap): Pick<KernelMap, "batchNormForward" | "batchNormBackward"> {
  return {
    batchNormForward: makeBatchNormForward(runtime, reference.batchNormForward),
    batchNormBackward: makeBatchNormBackward(runtime, reference.batchNormBackward),
  };
}

function makeBatchNormForward({ heap, pool }: WasmRuntime, fallback: KernelMap["batchNormForward"]): KernelMap["batchNormForward"] {
  return (x, weight, bias, eps) => {
    if (!useWasm(x, weight, bias)) return fallback(x, weight, bias, eps);
    const [n, c, s] = channelLayout(x.shape);
    const size = x.values.length;
    const parallel = pool.size > 1 && size >= PARALLEL_BATCH_NORM;
    return heap.scoped(() => {
      const xPtr = heap.put(x);
      const weightPtr = weight ? heap.put(weight) : 0;
      const biasPtr = bias ? heap.put(bias) : 0;
      const out = heap.output(size);
      const mean = heap.output(c);
      const variance = heap.output(c);
      const { chunks, perChunk } = split(c, pool.size, parallel);
      const [epsLow, epsHigh] = f64Slots(eps);
      const args = slotValues<BatchNormSlot>({
        [BatchNormSlot.EpsLow]: epsLow, [BatchNormSlot.EpsHigh]: epsHigh, [BatchNormSlot.X]: xPtr, [BatchNormSlot.Out]: out.ptr,
        [BatchNormSlot.N]: n, [BatchNormSlot.C]: c, [BatchNormSlot.S]: s, [BatchNormSlot.Weight]: weightPtr, [BatchNormSlot.Bias]: biasPtr,
        [BatchNormSlot.Mean]: mean.ptr, [BatchNormSlot.Variance]: variance.ptr, [BatchNormSlot.PerChunk]: perChunk,
      });
      pool.run("batchNormForwardChunk", pool.args(args), chunks, parallel);
      return {
        out: { shape: [...x.shape], dtype: "float32", values: out.take() },
        mean: { shape: [c], dtype: "float32", values: mean.take() },
        variance: { shape: [c], dtype: "float32", values: variance.take() },
      };
    });
  };
}

function makeBatchNormBackward({ heap, pool }: WasmRuntime, fallback: KernelMap["batchNormBackward"]): KernelMap["batchNormBackward"] {
  return (x, grad, mean, variance, weight, eps) => {
    if (!useWasm(x, grad, mean, variance, weight)) return fallback(x, grad, mean, variance, weight, eps);
    const [n, c, s] = channelLayout(x.shape);
    const size = x.values.length;
    const parallel = pool.size > 1 && size >= PARALLEL_BATCH_NORM;
    return heap.scoped(() => {
      const xPtr = heap.put(x);
      const gradPtr = heap.put(grad);
      const meanPtr = heap.put(mean);
      const variancePtr = heap.put(variance);
      const weightPtr = weight ? heap.put(weight) : 0;
      const gradInput = heap.output(size);
      const gradWeight = heap.output(c);
      const gradBias = heap.output(c);
      const { chunks, perChunk } = split(c, pool.size, parallel);
      const [epsLow, epsHigh] = f64Slots(eps);
      const args = slotValues<BatchNormBackwardSlot>({
        [BatchNormBackwardSlot.EpsLow]: epsLow, [BatchNormBackwardSlot.EpsHigh]: epsHigh, [BatchNormBackwardSlot.X]: xPtr,
        [BatchNormBackwardSlot.Grad]: gradPtr, [BatchNormBackwardSlot.GradInput]: gradInput.ptr, [BatchNormBackwardSlot.N]: n,
        [BatchNormBackwardSlot.C]: c, [BatchNormBackwardSlot.S]: s, [BatchNormBackwardSlot.Mean]: meanPtr,
        [BatchNormBackwardSlot.Variance]: variancePtr, [BatchNormBackwardSlot.Weight]: weightPtr,
        [BatchNormBackwardSlot.GradWeight]: gradWeight.ptr, [BatchNormBackwardSlot.GradBias]: gradBias.ptr, [BatchNormBackwardSlot.PerChunk]: perChunk,
      });
      pool.run("batchNormBackwardChunk", pool.args(args), chunks, parallel);
      return {
        gradInput: { shape: [...x.shape], dtype: "float32", values: gradInput.take() },
        gradWeight: { shape: [c], dtype: "float32", values: gradWeight.take() },
        gradBias: { shape: [c], dtype: "float32", values: gradBias.take() },
      };
    });
  };
}
