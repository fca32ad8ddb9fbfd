/**
 * Unary elementwise kernels, clamp and the float32 → int32 cast on the wasm SIMD loops of
 * assembly/elementwise.ts. Only float32 input runs here; other dtypes, sin and cos, and arrays too
 * small to pay for the copies in and out go to the reference kernels. The other casts stay there
 * too: they are TypedArray.set, a native conversion already as fast as the copy into wasm alone.
 */
import type { KernelMap, TensorData, UnaryOp } from "../kernels.js";
import type { DType } from "../../tensor/dtype.js";
import type { WasmRuntime } from "./runtime.js";
import { UnarySlot } from "./layout/elementwise-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";

/** The op codes of assembly/elementwise.ts: an op's position here (keep the two in step). */
const UNARY_OPS = [
  "neg", "abs", "sign", "exp", "log", "log1p", "expm1", "sqrt", "rsqrt", "square", "reciprocal",
  "tanh", "sigmoid", "relu", "floor", "ceil", "round", "trunc", "softplus", "step", "isnan", "clamp", "toInt32",
] as const;
type WasmUnaryOp = (typeof UNARY_OPS)[number];

/**
 * Below these sizes the reference is as fast: a wasm call costs ~0.3 µs more than a JS loop. The
 * measured crossovers (1 thread, warmed up): ~200 elements for relu, clamp and the int32 cast,
 * whose reference loops are tight; under 64 for the rest, whose reference calls Math.* or a
 * function per element. At 32k elements wasm measured 3× (relu, clamp), 10–15× (square, step,
 * floor, sqrt), 6× (exp), 5× (tanh), 9× (sigmoid) the reference's speed, at 300k (LeNet's
 * activations) about the same, except the cheap ops where the copies weigh more (relu 3×).
 */
const MIN_ELEMENTS = 64;
const MIN_ELEMENTS_TIGHT_IN_JS = 256;
const TIGHT_IN_JS: ReadonlySet<WasmUnaryOp> = new Set(["relu", "clamp", "toInt32"]);

/**
 * Ops costly enough per element to split over threads, from PARALLEL_ELEMENTS on. The copies in
 * and out stay on the calling thread, which caps the gain: 2 threads measured 1.3–1.6× faster on
 * tanh, sigmoid and log from 64k elements when the second core was free, but 0.6–0.9× at 32–64k
 * and even at 300k when other processes kept the machine busy (a worker woken late holds up the
 * job). The cheaper ops are bound by the copies alone: they stay on one thread.
 */
const PARALLEL_OPS: ReadonlySet<WasmUnaryOp> = new Set(["exp", "log", "log1p", "expm1", "tanh", "sigmoid", "softplus"]);
const PARALLEL_ELEMENTS = 1 << 17;

/** clamp's bounds travel in i32 argument slots as float32 bit patterns. */
const boundBits = new Int32Array(2);
const boundValues = new Float32Array(boundBits.buffer);

export function makeUnaryKernels({ heap, pool }: WasmRuntime, reference: KernelMap): Pick<KernelMap, "unary" | "clamp" | "cast"> {
  /** op over x's values (the kernel also works in place: each lane is read before it is written). */
  const run = (op: WasmUnaryOp, x: TensorData, outDtype: DType, lo = 0, hi = 0): TensorData => {
    const n = x.values.length;
    // a few chunks per thread, so a thread slowed by other work on the machine takes fewer
    const parallel = pool.size > 1 && PARALLEL_OPS.has(op) && n >= PARALLEL_ELEMENTS;
    const { chunks, perChunk } = split(n, pool.size, parallel, { multiple: 16 });
    boundValues[0] = lo;
    boundValues[1] = hi;
    return heap.scoped(() => {
      const ptr = heap.put(x);
      const out = heap.output(n, outDtype === "int32" ? "int32" : "float32");
      const args = pool.args(slotValues<UnarySlot>({
        [UnarySlot.Op]: UNARY_OPS.indexOf(op), [UnarySlot.Count]: n, [UnarySlot.X]: ptr, [UnarySlot.Out]: out.ptr,
        [UnarySlot.PerChunk]: perChunk, [UnarySlot.Low]: boundBits[0], [UnarySlot.High]: boundBits[1],
      }));
      pool.run("unaryChunk", args, chunks, parallel);
      return { shape: [...x.shape], dtype: outDtype, values: out.take() };
    });
  };
  const worthIt = (op: WasmUnaryOp, x: TensorData) =>
    x.dtype === "float32" && x.values.length >= (TIGHT_IN_JS.has(op) ? MIN_ELEMENTS_TIGHT_IN_JS : MIN_ELEMENTS);

  return {
    unary: (op, x) => (isWasmUnary(op) && worthIt(op, x) ? run(op, x, op === "isnan" ? "int32" : "float32") : reference.unary(op, x)),
    // The bounds round to float32 as the reference's results do. Comparing float32 x with the
    // rounded bounds picks the same elements as comparing with the exact ones (rounding is monotonic).
    clamp: (x, lo, hi) => (worthIt("clamp", x) ? run("clamp", x, "float32", lo, hi) : reference.clamp(x, lo, hi)),
    cast: (x, dtype) => (dtype === "int32" && worthIt("toInt32", x) ? run("toInt32", x, "int32") : reference.cast(x, dtype)),
  };
}

function isWasmUnary(op: UnaryOp): op is UnaryOp & WasmUnaryOp {
  return (UNARY_OPS as readonly string[]).includes(op);
}
