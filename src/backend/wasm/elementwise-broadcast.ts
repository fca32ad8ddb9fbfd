/**
 * Binary elementwise ops and `where`, broadcasting, on the wasm SIMD runs of
 * assembly/elementwise-broadcast.ts. The broadcast is coalesced here exactly as the reference does
 * it, so the module only walks runs. float32 operands (and int32 ones for where's values) run
 * here; pow, mixed dtypes and small outputs go to the reference kernels.
 */
import type { BinaryOp, KernelMap, TensorData } from "../kernels.js";
import type { DType } from "../../tensor/dtype.js";
import { broadcastStrides, sizeOf } from "../../tensor/shape.js";
import { coalesce } from "../reference/util.js";
import type { WasmRuntime } from "./runtime.js";
import { BroadcastSlot } from "./layout/elementwise-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";

/** The op codes of assembly/elementwise-broadcast.ts: an op's position here. */
const BINARY_OPS: readonly BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "reluMask"];
const COMPARISONS: ReadonlySet<BinaryOp> = new Set(["eq", "ne", "lt", "le", "gt", "ge"]);

/**
 * Below these many output elements the reference loop is as fast (crossovers measured when each
 * call still copied its operands in and out: ~300 elements for binary ops, ~100 for where; from
 * 4k elements on, wasm was 3–6× faster, broadcast patterns no slower than same-shape operands).
 */
const MIN_BINARY = 512;
const MIN_WHERE = 128;
/**
 * From this many output elements the walk is split over the threads, a few chunks each. With the
 * operands resident (no copies), a 300k-element reluMask measured 1.7× faster on 2 threads.
 */
const PARALLEL_ELEMENTS = 1 << 16;

export function makeBroadcastKernels({ heap, pool }: WasmRuntime, reference: KernelMap): Pick<KernelMap, "binary" | "where"> {
  /** Run the module's `job` over operands (2 or 3) broadcast to outShape. */
  const run = (job: "binaryBroadcastChunk" | "whereBroadcastChunk", code: number, flag: number, operands: readonly TensorData[], outShape: readonly number[], outDtype: DType): TensorData => {
    const total = sizeOf(outShape);
    const coalesced = coalesce(outShape, operands.map((x) => broadcastStrides(x.shape, outShape)));
    // a single element coalesces to no dimensions: walk it as one run of one
    const shape = coalesced.shape.length > 0 ? coalesced.shape : [1];
    const strides = coalesced.shape.length > 0 ? coalesced.strides : operands.map(() => [0]);
    const ndim = shape.length;
    const parallel = pool.size > 1 && total >= PARALLEL_ELEMENTS;
    const { chunks, perChunk } = split(total, pool.size, parallel, { multiple: 4 });
    return heap.scoped(() => {
      const pointers = operands.map((x) => heap.put(x));
      const out = heap.output(total, outDtype === "int32" ? "int32" : "float32");
      const shapePtr = heap.alloc(ndim * 4);
      const stridesPtr = heap.alloc(3 * ndim * 4);
      const counters = heap.alloc(pool.size * ndim * 4);
      const i32 = heap.i32;
      i32.set(shape, shapePtr >>> 2);
      strides.forEach((s, k) => i32.set(s, (stridesPtr >>> 2) + k * ndim));
      const args = pool.args(slotValues<BroadcastSlot>({
        [BroadcastSlot.Op]: code, [BroadcastSlot.Total]: total, [BroadcastSlot.Ndim]: ndim,
        [BroadcastSlot.Shape]: shapePtr, [BroadcastSlot.Strides]: stridesPtr, [BroadcastSlot.Out]: out.ptr,
        [BroadcastSlot.In0]: pointers[0], [BroadcastSlot.In1]: pointers[1], [BroadcastSlot.In2]: pointers[2] ?? 0,
        [BroadcastSlot.Counters]: counters, [BroadcastSlot.CondIsFloat]: flag, [BroadcastSlot.PerChunk]: perChunk,
      }));
      pool.run(job, args, chunks, parallel);
      return { shape: [...outShape], dtype: outDtype, values: out.take() };
    });
  };

  return {
    binary: (op, a, b, outShape, outDtype) => {
      const code = BINARY_OPS.indexOf(op);
      const expectedOut = COMPARISONS.has(op) ? "int32" : "float32";
      if (code < 0 || a.dtype !== "float32" || b.dtype !== "float32" || outDtype !== expectedOut || sizeOf(outShape) < MIN_BINARY) {
        return reference.binary(op, a, b, outShape, outDtype);
      }
      return run("binaryBroadcastChunk", code, 0, [a, b], outShape, outDtype);
    },
    where: (cond, a, b, outShape, outDtype) => {
      // values move as 32-bit patterns, so int32 works as well as float32
      const sameWidth = a.dtype === outDtype && b.dtype === outDtype && outDtype !== "float64" && cond.dtype !== "float64";
      if (!sameWidth || sizeOf(outShape) < MIN_WHERE) return reference.where(cond, a, b, outShape, outDtype);
      return run("whereBroadcastChunk", 0, cond.dtype === "float32" ? 1 : 0, [cond, a, b], outShape, outDtype);
    },
  };
}
