/**
 * The fused LSTM cell on the wasm kernels (assembly/lstm.ts): float32 only, other dtypes go to
 * the reference kernels. Even the smallest states take the wasm path: the reference spends its time
 * in Math.exp and Math.tanh, so wasm was faster at every size measured (1×64 units: 4 µs against
 * 11; 32×256: forward 0.14 ms against 1.3 ms, backward 0.03 against 0.12). The batch's rows are
 * split over the threads when there are enough.
 */
import type { KernelMap, TensorData } from "../kernels.js";
import { LstmBackwardSlot, LstmSlot } from "./layout/row-slots.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";
import type { JobName } from "./exports.js";
import type { WasmRuntime } from "./runtime.js";

/**
 * From this many hidden units (batch·hidden) the rows are split over the threads. The forward
 * kernel costs ~15 ns a unit on one core (five exponentials), the backward ~2 ns plus copies; on
 * the shared 2-core machine, under load from other processes, two threads were still slower at
 * 64×512 units, so only larger states are split.
 */
const PARALLEL_LSTM = 1 << 16;

function float32(shape: readonly number[], values: Float32Array): TensorData {
  return { shape: [...shape], dtype: "float32", values };
}

/** Run an LSTM job over the rows of a [batch, hidden] state; `slots` names its pointers (layout/row-slots.ts). */
function runRows<Slot extends LstmSlot | LstmBackwardSlot>({ pool }: WasmRuntime, job: JobName, batch: number, hidden: number, slots: (rowsPerChunk: number) => Record<Slot, number>): void {
  const parallel = pool.size > 1 && batch > 1 && batch * hidden >= PARALLEL_LSTM;
  const { chunks, perChunk } = split(batch, pool.size, parallel);
  pool.run(job, pool.args(slotValues(slots(perChunk))), chunks, parallel);
}

function makeForward(runtime: WasmRuntime, fallback: KernelMap["lstmCell"]): KernelMap["lstmCell"] {
  const { heap } = runtime;
  return (gates, c) => {
    if (gates.dtype !== "float32" || c.dtype !== "float32") return fallback(gates, c);
    const [batch, hidden] = c.shape;
    const n = batch * hidden;
    return heap.scoped(() => {
      const gatesPtr = heap.put(gates);
      const cPtr = heap.put(c);
      const h = heap.output(n);
      const cNext = heap.output(n);
      const activations = heap.output(4 * n);
      const tanhC = heap.output(n);
      runRows<LstmSlot>(runtime, "lstmCellChunk", batch, hidden, (rows) => ({
        [LstmSlot.Batch]: batch, [LstmSlot.Hidden]: hidden, [LstmSlot.RowsPerChunk]: rows,
        [LstmSlot.Gates]: gatesPtr, [LstmSlot.C]: cPtr, [LstmSlot.H]: h.ptr, [LstmSlot.CNext]: cNext.ptr,
        [LstmSlot.Activations]: activations.ptr, [LstmSlot.TanhC]: tanhC.ptr,
      }));
      return {
        h: float32(c.shape, h.take()),
        c: float32(c.shape, cNext.take()),
        activations: float32(gates.shape, activations.take()),
        tanhC: float32(c.shape, tanhC.take()),
      };
    });
  };
}

function makeBackward(runtime: WasmRuntime, fallback: KernelMap["lstmCellBackward"]): KernelMap["lstmCellBackward"] {
  const { heap } = runtime;
  return (gradH, gradC, c, activations, tanhC) => {
    const all = [gradH, gradC, c, activations, tanhC];
    if (all.some((t) => t !== null && t.dtype !== "float32")) return fallback(gradH, gradC, c, activations, tanhC);
    const [batch, hidden] = c.shape;
    const n = batch * hidden;
    return heap.scoped(() => {
      // 0 tells the kernel that output got no gradient (no block starts at 0)
      const gradHPtr = gradH ? heap.put(gradH) : 0;
      const gradCPtr = gradC ? heap.put(gradC) : 0;
      const cPtr = heap.put(c);
      const activationsPtr = heap.put(activations);
      const tanhCPtr = heap.put(tanhC);
      const dGates = heap.output(4 * n);
      const dC = heap.output(n);
      runRows<LstmBackwardSlot>(runtime, "lstmCellBackwardChunk", batch, hidden, (rows) => ({
        [LstmBackwardSlot.Batch]: batch, [LstmBackwardSlot.Hidden]: hidden, [LstmBackwardSlot.RowsPerChunk]: rows,
        [LstmBackwardSlot.GradH]: gradHPtr, [LstmBackwardSlot.GradC]: gradCPtr, [LstmBackwardSlot.C]: cPtr,
        [LstmBackwardSlot.Activations]: activationsPtr, [LstmBackwardSlot.TanhC]: tanhCPtr,
        [LstmBackwardSlot.GradGates]: dGates.ptr, [LstmBackwardSlot.GradCOut]: dC.ptr,
      }));
      return { gates: float32(activations.shape, dGates.take()), c: float32(c.shape, dC.take()) };
    });
  };
}

/** The wasm lstmCell and lstmCellBackward kernels, falling back to `reference`'s. */
export function makeLstmKernels(runtime: WasmRuntime, reference: KernelMap): Pick<KernelMap, "lstmCell" | "lstmCellBackward"> {
  return { lstmCell: makeForward(runtime, reference.lstmCell), lstmCellBackward: makeBackward(runtime, reference.lstmCellBackward) };
}
