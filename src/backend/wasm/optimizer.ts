/**
 * The fused optimiser steps on the wasm kernels (assembly/optimizer.ts): the parameter and its
 * state live in kernel memory (moved there on the first step) and are updated in place, so a step
 * reads each array once and copies nothing. Float32 only; split over the threads for large
 * parameters.
 */
import type { KernelMap, MutableTensorData, TensorData } from "../kernels.js";
import { OptimizerFlag, OptimizerSlot } from "./layout/optimizer-slots.js";
import type { WasmRuntime } from "./runtime.js";
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

const allFloat32 = (...xs: (TensorData | null)[]) => xs.every((t) => t === null || t.dtype === "float32");

export function makeOptimizerKernels({ heap, pool }: WasmRuntime, reference: KernelMap): Pick<KernelMap, "sgdStep" | "adamStep"> {
  /** Run `job` over the parameter with `state` updated in place and the other slots as given. */
  function step(job: "sgdStepChunk" | "adamStepChunk", param: MutableTensorData, grad: TensorData, state: (MutableTensorData | null)[], slots: Partial<Record<OptimizerSlot, number>>): void {
    const n = param.values.length;
    heap.scoped(() => {
      const targets = [param, ...state].map((t) => (t ? heap.mutable(t) : null));
      const args = new Array<number>(OptimizerSlot.Slots).fill(0);
      for (const [slot, value] of Object.entries(slots)) args[Number(slot)] = value!;
      const parallel = pool.size > 1 && n >= PARALLEL_ELEMENTS;
      const { chunks, perChunk } = split(n, pool.size, parallel, { multiple: 4 });
      args[OptimizerSlot.Count] = n;
      args[OptimizerSlot.PerChunk] = perChunk;
      args[OptimizerSlot.Param] = targets[0]!.ptr;
      args[OptimizerSlot.Grad] = heap.put(grad);
      [OptimizerSlot.State0, OptimizerSlot.State1, OptimizerSlot.State2].forEach((slot, k) => (args[slot] = targets[k + 1]?.ptr ?? 0));
      pool.run(job, pool.args(args), chunks, parallel);
      for (const t of targets) t?.commit();
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
