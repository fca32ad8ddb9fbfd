/**
 * Softmax and log-softmax along any axis on the wasm kernels (assembly/softmax.ts): float32 only,
 * other dtypes and small inputs go to the reference kernels.
 */
import type { KernelMap } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import { SoftmaxSlot } from "./layout/row-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";
import type { WasmRuntime } from "./runtime.js";

/**
 * Below this many elements the reference kernel is as fast. Measured (float32, one thread, last
 * axis of [r, 10]): softmax is 3× faster from 20 elements on, log-softmax ~1.5× from 80.
 */
const SMALL_SOFTMAX = 32;

/**
 * From this many elements the lines are split over the threads: the exponentials make the kernel
 * cost more than copying in and out (measured 1.4× faster on 2 threads at [2048, 65]).
 */
const PARALLEL_SOFTMAX = 1 << 17;

type SoftmaxKernel = KernelMap["softmax"];

function makeSoftmaxLike({ heap, pool }: WasmRuntime, log: boolean, fallback: SoftmaxKernel): SoftmaxKernel {
  return (x, axis) => {
    const size = x.values.length;
    if (x.dtype !== "float32" || size < SMALL_SOFTMAX) return fallback(x, axis);
    const outer = sizeOf(x.shape.slice(0, axis));
    const inner = sizeOf(x.shape.slice(axis + 1));
    const parallel = pool.size > 1 && size >= PARALLEL_SOFTMAX;
    const values = heap.scoped(() => {
      const xPtr = heap.put(x);
      const out = heap.output(size);
      const { chunks, perChunk } = split(outer * Math.ceil(inner / 4), pool.size, parallel);
      const args = slotValues<SoftmaxSlot>({
        [SoftmaxSlot.Log]: log ? 1 : 0, [SoftmaxSlot.X]: xPtr, [SoftmaxSlot.Out]: out.ptr,
        [SoftmaxSlot.Outer]: outer, [SoftmaxSlot.Size]: x.shape[axis], [SoftmaxSlot.Inner]: inner, [SoftmaxSlot.PerChunk]: perChunk,
      });
      pool.run("softmaxChunk", pool.args(args), chunks, parallel);
      return out.take();
    });
    return { shape: [...x.shape], dtype: "float32", values };
  };
}

/** The wasm softmax and logSoftmax kernels, falling back to `reference`'s. */
export function makeSoftmaxKernels(runtime: WasmRuntime, reference: KernelMap): Pick<KernelMap, "softmax" | "logSoftmax"> {
  return { softmax: makeSoftmaxLike(runtime, false, reference.softmax), logSoftmax: makeSoftmaxLike(runtime, true, reference.logSoftmax) };
}
