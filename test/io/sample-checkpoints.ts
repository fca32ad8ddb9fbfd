/** Two different checkpoints shared by checkpoint.test.ts and its crash helper, and a way to compare them. */
import type { Checkpoint, StateValue } from "../../src/io/index.js";
import { tensor, Tensor } from "../../src/index.js";

/** What a training run might save after epoch 1. */
export function checkpointA(): Checkpoint {
  return {
    model: { "0.weight": tensor([[1, 2], [3, 4]]), "0.bias": tensor([0.5, -0.5]) },
    optimizer: {
      state: { "0": { momentum_buffer: tensor([[0.1, 0.2], [0.3, 0.4]]), step: 1 } },
      param_groups: [{ lr: 0.1, momentum: 0.9, nesterov: false, params: [0, 1] }],
    },
    extra: { epoch: 1, best: Infinity, rng: [1, 2, 3, 4, NaN], config: { model: "mlp", hidden: [800] }, note: null },
  };
}

/** The same run after epoch 2; its extra part holds a tensor too. */
export function checkpointB(): Checkpoint {
  return {
    model: { "0.weight": tensor([[1.5, 2.5], [3.5, 4.5]]), "0.bias": tensor([0.25, -0.25]) },
    optimizer: {
      state: { "0": { momentum_buffer: tensor([[0.5, 0.6], [0.7, 0.8]]), step: 2 }, "1": { step: 2, count: tensor([7], { dtype: "int32" }) } },
      param_groups: [{ lr: 0.05, momentum: 0.9, nesterov: true, params: [0, 1] }],
    },
    extra: { epoch: 2, best: 0.25, rng: [5, 6, 7, 8, -1.5], ema: tensor([1, 2], { dtype: "float64" }) },
  };
}

/** The checkpoint as plain data, tensors as { dtype, shape, values }, for deepEqual. */
export function snapshot(value: Checkpoint | StateValue | undefined): unknown {
  if (value instanceof Tensor) return { dtype: value.dtype, shape: [...value.shape], values: [...value.values] };
  if (Array.isArray(value)) return value.map(snapshot);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)]));
  return value;
}
