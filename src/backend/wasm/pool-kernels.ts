/**
 * Pooling on the wasm kernels (assembly/pool.ts, assembly/pool-switches.ts): max and sum pooling
 * over 1 or 2 trailing axes, the sum's adjoint, and unpool / unpoolGrad through the max's switches,
 * split over threads by planes when large. float64 inputs, 3-D plans and tiny inputs (where
 * copying into kernel memory costs more than the reference's loops) go to the reference kernels.
 */
import type { KernelMap, PoolAxis, TensorData } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import type { JobName } from "./exports.js";
import { PoolSlot, UnpoolSlot } from "./layout/pool-slots.js";
import type { WasmRuntime } from "./runtime.js";
import { slotValues } from "./slots.js";
import { planeAxes, writePlan, type PlaneAxes } from "./pool-plan.js";
import { MAX_CHUNKS } from "./control.js";

type PoolKernels = Pick<KernelMap, "poolMax" | "poolSum" | "poolSumGrad" | "unpool" | "unpoolGrad">;

/**
 * Below this many elements on the larger side (input or output) the reference kernel is used: a
 * wasm call costs about 2 µs to set up, and under a 16×16 plane's worth the reference is no slower.
 */
const MIN_ELEMENTS = 256;
/**
 * Below this many elements read and written a job stays on one thread: about 100 µs of work at the
 * kernels' ~2.5 elements/ns, against 10–50 µs to wake the other threads.
 */
const PARALLEL_ELEMENTS = 1 << 18;
/**
 * A parallel job's chunks are about this many elements (some µs of work) or a plane, whichever is
 * more: many small chunks, so that a thread slowed by another process takes fewer.
 */
const CHUNK_ELEMENTS = 1 << 14;

export function makePoolKernels({ heap, pool }: WasmRuntime, reference: KernelMap): PoolKernels {
  /** Run a pooling job over `planes` planes, `elements` in all; `slots` names its slots after the first two (Planes, Chunks: 0 and 1 in every pooling layout). */
  function run<Slot extends PoolSlot | UnpoolSlot>(job: JobName, planes: number, elements: number, slots: Omit<Record<Slot, number>, 0 | 1>): void {
    const parallel = pool.size > 1 && planes > 1 && elements >= PARALLEL_ELEMENTS;
    const chunks = parallel ? Math.min(planes, Math.ceil(elements / CHUNK_ELEMENTS), MAX_CHUNKS) : 1;
    pool.run(job, pool.args(slotValues({ ...slots, [PoolSlot.Planes]: planes, [PoolSlot.Chunks]: chunks } as Record<Slot, number>)), chunks, parallel);
  }

  /** The max (with its switches if `withIndices`) or the sum of each window of x, on the plan's 2-D form. */
  function windows(x: TensorData, axes: readonly PoolAxis[], plane: PlaneAxes, withIndices: boolean): { values: TensorData; indices: TensorData | null } {
    const shape = [...x.shape.slice(0, x.shape.length - axes.length), ...axes.map((a) => a.first.length)];
    const n = sizeOf(shape);
    return heap.scoped(() => {
      const xPtr = heap.put(x);
      const plan = writePlan(heap, plane);
      const out = heap.output(n);
      const idx = withIndices ? heap.output(n, "int32") : null;
      run<PoolSlot>(withIndices ? "poolMaxChunk" : "poolSumChunk", planeCount(x.shape, axes.length), x.values.length + n, {
        [PoolSlot.Plan]: plan, [PoolSlot.Source]: xPtr, [PoolSlot.Destination]: out.ptr, [PoolSlot.Indices]: idx?.ptr ?? 0,
      });
      return {
        values: { shape, dtype: "float32", values: out.take() },
        indices: idx ? { shape, dtype: "int32", values: idx.take() } : null,
      };
    });
  }

  return {
    poolMax(x, axes) {
      const plane = planeAxes(axes);
      if (!plane || x.dtype !== "float32" || small(x.values.length)) return reference.poolMax(x, axes);
      const { values, indices } = windows(x, axes, plane, true);
      return { values, indices: indices! };
    },

    poolSum(x, axes) {
      const plane = planeAxes(axes);
      if (!plane || x.dtype !== "float32" || small(x.values.length)) return reference.poolSum(x, axes);
      return windows(x, axes, plane, false).values;
    },

    poolSumGrad(g, axes) {
      const plane = planeAxes(axes);
      const shape = [...g.shape.slice(0, g.shape.length - axes.length), ...axes.map((a) => a.inSize)];
      const n = sizeOf(shape);
      if (!plane || g.dtype !== "float32" || small(n)) return reference.poolSumGrad(g, axes);
      return heap.scoped(() => {
        const gPtr = heap.put(g);
        const plan = writePlan(heap, plane);
        const out = heap.output(n);
        run<PoolSlot>("poolSumGradChunk", planeCount(g.shape, axes.length), g.values.length + n, {
          [PoolSlot.Plan]: plan, [PoolSlot.Source]: gPtr, [PoolSlot.Destination]: out.ptr, [PoolSlot.Indices]: 0,
        });
        return { shape, dtype: "float32", values: out.take() };
      });
    },

    unpool(x, indices, planeShape, accumulate) {
      const lead = x.shape.slice(0, x.shape.length - planeShape.length);
      const shape = [...lead, ...planeShape];
      const n = sizeOf(shape);
      if (x.dtype !== "float32" || small(n)) return reference.unpool(x, indices, planeShape, accumulate);
      const planes = sizeOf(lead);
      return heap.scoped(() => {
        const xPtr = heap.put(x);
        const idx = heap.put(indices);
        const out = heap.output(n);
        const inPlane = planes === 0 ? 0 : x.values.length / planes;
        run<UnpoolSlot>("unpoolChunk", planes, 2 * x.values.length + n, {
          [UnpoolSlot.Values]: xPtr, [UnpoolSlot.Indices]: idx, [UnpoolSlot.Out]: out.ptr,
          [UnpoolSlot.ValuesPlane]: inPlane, [UnpoolSlot.OutPlane]: sizeOf(planeShape), [UnpoolSlot.Accumulate]: accumulate ? 1 : 0,
        });
        return { shape, dtype: "float32", values: out.take() };
      });
    },

    unpoolGrad(g, indices, spatialDims) {
      const n = indices.values.length;
      if (g.dtype !== "float32" || small(Math.max(n, g.values.length))) return reference.unpoolGrad(g, indices, spatialDims);
      const planes = planeCount(indices.shape, spatialDims);
      return heap.scoped(() => {
        const gPtr = heap.put(g);
        const idx = heap.put(indices);
        const out = heap.output(n);
        const gPlane = sizeOf(g.shape.slice(g.shape.length - spatialDims));
        run<UnpoolSlot>("unpoolGradChunk", planes, g.values.length + 2 * n, {
          [UnpoolSlot.Values]: gPtr, [UnpoolSlot.Indices]: idx, [UnpoolSlot.Out]: out.ptr,
          [UnpoolSlot.ValuesPlane]: gPlane, [UnpoolSlot.OutPlane]: planes === 0 ? 0 : n / planes, [UnpoolSlot.Accumulate]: 0,
        });
        return { shape: [...indices.shape], dtype: "float32", values: out.take() };
      });
    },
  };
}

/** The number of planes: the product of the dimensions before the last `spatial` ones. */
function planeCount(shape: readonly number[], spatial: number): number {
  return sizeOf(shape.slice(0, shape.length - spatial));
}

/** Whether a call reading or writing at most this many elements (the larger side) is better left to the reference. */
function small(elements: number): boolean {
  return elements < MIN_ELEMENTS;
}
