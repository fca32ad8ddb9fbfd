/** Tensors by name as the writers take them: what Module.stateDict() returns (a Map) or a plain object. */
import type { Tensor } from "../tensor/index.js";

export type NamedTensors = ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

export function namedEntries(tensors: NamedTensors): [string, Tensor][] {
  return tensors instanceof Map ? [...tensors] : Object.entries(tensors);
}
