/**
 * The fused optimiser steps on the wasm kernels (assembly/optimizer.ts): the parameter and its
 * state live in kernel memory (moved there on the first step) and are updated in place, so a step
 * reads each array once and copies nothing. Float32 only; split over the threads for large
 * parameters.
 */
import type { KernelMap, MutableTensorData, TensorData } from "../kernels.js";
import { OptimizerFlag, OptimizerSlot } from "./layout/optimizer-slots.js";
import type { WasmRuntime } from "./runtime.js";
import { slotValues } from "./slots.js";
import { split } from "./split.js";

/** Below this many elements a step stays on one thread: it streams memory, and waking a worker costs ~10 µs. */
const PARALLEL_ELEMENTS = 1 << 16;

const bits = new Int32Array(1);
const asFloat = new Float32Array(bits.buffer);
/** A float hyper-parameter as the i32 slot that carries its float32 bits. */
function f32Slot(value: number): number {
  asFloat[0] = value;
  return bits[0];
}

/** The slots a step's caller fills: flags and hyper-parameters (the rest are the arrays and the chunking). */
type HyperSlot = Exclude<OptimizerSlot, OptimizerSlot.Count | OptimizerSlot.PerChunk | OptimizerSlot.Param | OptimizerSlot.Grad | OptimizerSlot.State0 | OptimizerSlot.State1 | OptimizerSlot.State2>;

/** SGD reads H0 and H1 only. */
const ADAM_ONLY_UNUSED = {
  [OptimizerSlot.H2]: 0, [OptimizerSlot.H3]: 0, [OptimizerSlot.H4]: 0, [OptimizerSlot.H5]: 0, [OptimizerSlot.H6]: 0, [OptimizerSlot.H7]: 0,
} as const;

const allFloat32 = (...xs: (TensorData | null)[]) => xs.every((t) => t === null || t.dtype === "float32");

export function makeOptimizerKernels({ heap, pool }: WasmRuntime, reference: KernelMap): Pick<KernelMap, "sgdStep" | "adamStep"> {
  /** Run `job` over the parameter with `state` (up to three arrays) updated in place, and its flags and hyper-parameters. */
  function step(job: "sgdStepChunk" | "adamStepChunk", param: MutableTensorData, grad: TensorData, state: (MutableTensorData | null)[], hyper: Record<HyperSlot, number>): void {
    const n = param.values.length;
    heap.scoped(() => {
      const [target, ...states] = [param, ...state].map((t) => (t ? heap.mutable(t) : null));
      const parallel = pool.size > 1 && n >= PARALLEL_ELEMENTS;
      const { chunks, perChunk } = split(n, pool.size, parallel, { multiple: 4 });
      const args = slotValues<OptimizerSlot>({
        ...hyper,
        [OptimizerSlot.Count]: n, [OptimizerSlot.PerChunk]: perChunk, [OptimizerSlot.Param]: target!.ptr, [OptimizerSlot.Grad]: heap.put(grad),
        [OptimizerSlot.State0]: states[0]?.ptr ?? 0, [OptimizerSlot.State1]: states[1]?.ptr ?? 0, [OptimizerSlot.State2]: states[2]?.ptr ?? 0,
      });
      pool.run(job, pool.args(args), chunks, parallel);
      for (const t of [target, ...states]) t?.commit();
    });
  }

  const flags = (...set: [boolean, OptimizerFlag][]) => set.reduce((f, [on, flag]) => (on ? f | flag : f), 0);

  return {
    sgdStep(param, grad, buffer, h) {
      if (!allFloat32(param, grad, buffer) || param.values.length === 0) return reference.sgdStep(param, grad, buffer, h);
      step("sgdStepChunk", param, grad, [buffer], {
        [OptimizerSlot.Flags]: flags([h.maximize, OptimizerFlag.Maximize], [h.first, OptimizerFlag.First], [h.nesterov, OptimizerFlag.Nesterov]),
        [OptimizerSlot.Lr]: f32Slot(h.lr),
        [OptimizerSlot.WeightDecay]: f32Slot(h.weightDecay),
        [OptimizerSlot.H0]: f32Slot(h.momentum),
        [OptimizerSlot.H1]: f32Slot(1 - h.dampening),
        ...ADAM_ONLY_UNUSED,
      });
    },
    adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq, h) {
      if (!allFloat32(param, grad, expAvg, expAvgSq, maxExpAvgSq) || param.values.length === 0) {
        return reference.adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq, h);
      }
      step("adamStepChunk", param, grad, [expAvg, expAvgSq, maxExpAvgSq], {
        [OptimizerSlot.Flags]: flags([h.maximize, OptimizerFlag.Maximize]),
        [OptimizerSlot.Lr]: f32Slot(h.lr),
        [OptimizerSlot.WeightDecay]: f32Slot(h.weightDecay),
        [OptimizerSlot.H0]: f32Slot(h.beta1),
        [OptimizerSlot.H1]: f32Slot(h.beta2),
        [OptimizerSlot.H2]: f32Slot(h.eps),
        [OptimizerSlot.H3]: f32Slot(h.stepSize),
        [OptimizerSlot.H4]: f32Slot(h.biasCorrection2Sqrt),
        [OptimizerSlot.H5]: f32Slot(h.shrink),
        [OptimizerSlot.H6]: f32Slot(1 - h.beta1),
        [OptimizerSlot.H7]: f32Slot(1 - h.beta2),
      });
    },
  };
}
