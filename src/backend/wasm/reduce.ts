/**
 * Reductions (sum, max, min, prod over axes) and argmax/argmin on the wasm kernels
 * (assembly/reduce.ts, reduce-arg.ts). Float32 only; other dtypes, empty tensors and small
 * inputs go to the reference kernels.
 */
import type { KernelMap, ReduceOp, TensorData } from "../kernels.js";
import { sizeOf } from "../../tensor/shape.js";
import { ArgReduceSlot, ReduceColumnsSlot, ReduceRunsSlot } from "./layout/row-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";
import type { WasmRuntime } from "./runtime.js";

/**
 * Below these sizes (elements) the reference kernels are as fast: a wasm call costs ~0.5 µs
 * (copying in and out, arguments). Measured crossovers (float32, one thread): a sum over ~100
 * elements, argmax over ~150; at 1,024 elements the wasm kernels are already 2–6× faster.
 */
const SMALL_REDUCE = 128;
const SMALL_ARG = 128;
/**
 * From this many elements a reduction is split over the threads. Reductions are bound by memory
 * and copying the input in (on the calling thread) costs more than the kernel, so threads only
 * pay off on large inputs: measured slower on 2 threads at 300k elements, faster at 4.6M.
 */
const PARALLEL_REDUCE = 1 << 20;
/** Rows (a reduction over the last axes) shorter than this are left to the reference. */
const MIN_ROW = 4;
/** A slice is cut into pieces for the threads only if each piece keeps at least this many elements. */
const MIN_PIECE = 1 << 14;

/** The kernels' reduction codes (assembly/reduce-runs.ts). */
const OP_CODES: Record<ReduceOp, number> = { sum: 0, max: 1, min: 2, prod: 3 };

/**
 * How the reduced (R) and kept (K) axes lie, after merging neighbours of the same kind and
 * dropping size-1 axes: `runs` is [runs, k, runLength] reduced over axes 0 and 2 (R, KR, RKR),
 * `columns` is [outer, reduced, inner] reduced over the middle axis with inner > 1 (RK, KRK).
 */
type ReduceLayout =
  | { kind: "runs"; runs: number; k: number; runLength: number }
  | { kind: "columns"; outer: number; reduced: number; inner: number };

/**
 * The layout of a reduction over `axes`, or null where the reference kernel does as well: more
 * alternations (e.g. RKRK), nothing but size-1 axes reduced (K: a copy), and rows shorter than
 * MIN_ROW (each row costs a call; measured no faster for rows of 2 and 3).
 */
function reduceLayout(shape: readonly number[], axes: readonly number[]): ReduceLayout | null {
  let pattern = "";
  const sizes: number[] = [];
  shape.forEach((size, d) => {
    if (size === 1) return;
    const kind = axes.includes(d) ? "R" : "K";
    if (pattern.endsWith(kind)) sizes[sizes.length - 1] *= size;
    else {
      pattern += kind;
      sizes.push(size);
    }
  });
  const [a = 1, b = 1, c = 1] = sizes;
  switch (pattern) {
    case "":
    case "R":
      return { kind: "runs", runs: 1, k: 1, runLength: a };
    case "KR":
      return b < MIN_ROW ? null : { kind: "runs", runs: 1, k: a, runLength: b };
    case "RKR":
      return { kind: "runs", runs: a, k: b, runLength: c };
    case "RK":
      return { kind: "columns", outer: 1, reduced: a, inner: b };
    case "KRK":
      return { kind: "columns", outer: a, reduced: b, inner: c };
    default:
      return null;
  }
}

/** The wasm reduce and argReduce kernels, falling back to `reference`'s. */
export function makeReduceKernels(runtime: WasmRuntime, reference: KernelMap): Pick<KernelMap, "reduce" | "argReduce"> {
  return { reduce: makeReduce(runtime, reference.reduce), argReduce: makeArgReduce(runtime, reference.argReduce) };
}

function makeReduce({ kernels, heap, pool }: WasmRuntime, fallback: KernelMap["reduce"]): KernelMap["reduce"] {
  return (op, x, axes) => {
    const size = x.values.length;
    const layout = x.dtype === "float32" && size >= SMALL_REDUCE && axes.length > 0 ? reduceLayout(x.shape, axes) : null;
    if (!layout) return fallback(op, x, axes);
    const outShape = x.shape.map((s, d) => (axes.includes(d) ? 1 : s));
    const outSize = sizeOf(outShape);
    const parallel = pool.size > 1 && size >= PARALLEL_REDUCE;
    const values = heap.scoped(() => {
      const xPtr = heap.put(x);
      const out = heap.output(outSize);
      const outPtr = out.ptr;
      if (layout.kind === "columns") {
        const { outer, reduced, inner } = layout;
        const { chunks, perChunk } = split(outer * Math.ceil(inner / 4), pool.size, parallel);
        const args = slotValues<ReduceColumnsSlot>({
          [ReduceColumnsSlot.Op]: OP_CODES[op], [ReduceColumnsSlot.X]: xPtr, [ReduceColumnsSlot.Outer]: outer,
          [ReduceColumnsSlot.Reduced]: reduced, [ReduceColumnsSlot.Inner]: inner, [ReduceColumnsSlot.Out]: outPtr, [ReduceColumnsSlot.PerChunk]: perChunk,
        });
        pool.run("reduceColumnsChunk", pool.args(args), chunks, parallel);
      } else {
        const { runs, k, runLength } = layout;
        // few long slices (a sum of everything) are cut into pieces, so every thread has some
        const parts = parallel && k < 2 * pool.size ? Math.max(1, Math.min(Math.ceil((4 * pool.size) / k), Math.floor((runs * runLength) / MIN_PIECE))) : 1;
        const partials = parts > 1 ? heap.alloc(k * parts * 8) : 0;
        const { chunks, perChunk } = split(k * parts, pool.size, parallel);
        const args = slotValues<ReduceRunsSlot>({
          [ReduceRunsSlot.Op]: OP_CODES[op], [ReduceRunsSlot.X]: xPtr, [ReduceRunsSlot.K]: k, [ReduceRunsSlot.Runs]: runs,
          [ReduceRunsSlot.RunLength]: runLength, [ReduceRunsSlot.Parts]: parts, [ReduceRunsSlot.Out]: outPtr,
          [ReduceRunsSlot.Partials]: partials, [ReduceRunsSlot.PerChunk]: perChunk,
        });
        pool.run("reduceRunsChunk", pool.args(args), chunks, parallel);
        if (parts > 1) kernels.reduceFinish(OP_CODES[op], partials, k, parts, outPtr);
      }
      return out.take();
    });
    return { shape: outShape, dtype: "float32", values };
  };
}

function makeArgReduce({ heap, pool }: WasmRuntime, fallback: KernelMap["argReduce"]): KernelMap["argReduce"] {
  return (op, x, axis) => {
    const size = x.values.length;
    if (x.dtype !== "float32" || size < SMALL_ARG) return fallback(op, x, axis);
    const outer = sizeOf(x.shape.slice(0, axis));
    const reduced = x.shape[axis];
    const inner = sizeOf(x.shape.slice(axis + 1));
    const outShape = x.shape.map((s, d) => (d === axis ? 1 : s));
    const parallel = pool.size > 1 && size >= PARALLEL_REDUCE;
    const values = heap.scoped(() => {
      const xPtr = heap.put(x);
      const out = heap.output(outer * inner, "int32");
      const { chunks, perChunk } = split(outer * Math.ceil(inner / 4), pool.size, parallel);
      const args = slotValues<ArgReduceSlot>({
        [ArgReduceSlot.Min]: op === "argmin" ? 1 : 0, [ArgReduceSlot.X]: xPtr, [ArgReduceSlot.Outer]: outer,
        [ArgReduceSlot.Reduced]: reduced, [ArgReduceSlot.Inner]: inner, [ArgReduceSlot.Out]: out.ptr, [ArgReduceSlot.PerChunk]: perChunk,
      });
      pool.run("argReduceChunk", pool.args(args), chunks, parallel);
      return out.take();
    });
    const out: TensorData = { shape: outShape, dtype: "int32", values };
    return out;
  };
}
