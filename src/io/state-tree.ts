/**
 * Nested training state (an optimiser's state dict, a scheduler's, counters, RNG states) split
 * into what JSON can hold and the tensors, which go to a safetensors file under dotted keys
 * ("state.0.momentum"). In the JSON a tensor becomes {"$tensor": key} and a number JSON cannot
 * spell (Infinity, -Infinity, NaN) becomes {"$number": "Infinity"}.
 */
import { describeValue } from "../tensor/format.js";
import { Tensor } from "../tensor/index.js";
import { CheckpointError } from "./checkpoint-error.js";

/** What a checkpoint's optimizer and extra parts may hold. */
export type StateValue = Tensor | number | string | boolean | null | StateValue[] | { [key: string]: StateValue };

export type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

const TENSOR = "$tensor";
const NUMBER = "$number";

/**
 * Splits `value` into JSON and tensors. Object properties that are undefined are left out, as
 * JSON.stringify does. `where` names the value in errors.
 */
export function splitState(value: StateValue, where: string): { json: Json; tensors: Record<string, Tensor> } {
  const tensors = new Map<string, Tensor>();
  const walk = (v: StateValue, path: string[]): Json => {
    if (v instanceof Tensor) {
      const key = path.join(".");
      if (tensors.has(key)) throw new TypeError(`${where}: two tensors would both be stored as "${key}"; rename a key that contains a dot`);
      tensors.set(key, v);
      return { [TENSOR]: key };
    }
    if (typeof v === "number") return Number.isFinite(v) ? v : { [NUMBER]: String(v) };
    if (typeof v === "string" || typeof v === "boolean" || v === null) return v;
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, String(i)]));
    if (isPlainObject(v)) {
      if (TENSOR in v || NUMBER in v) throw new TypeError(`${where}.${path.join(".")}: the keys "${TENSOR}" and "${NUMBER}" are reserved`);
      const entries = Object.entries(v).filter(([, item]) => item !== undefined);
      return Object.fromEntries(entries.map(([k, item]) => [k, walk(item, [...path, k])]));
    }
    throw new TypeError(
      `${[where, ...path].join(".")} is ${describeValue(v)}; a checkpoint holds numbers, strings, booleans, null, arrays, plain objects and Tensors`,
    );
  };
  const json = walk(value, []);
  return { json, tensors: Object.fromEntries(tensors) };
}

/** Rebuilds what splitState split; `file` names the JSON in the error about a missing tensor. */
export function joinState(json: unknown, tensors: Record<string, Tensor>, file: string): StateValue {
  const walk = (v: unknown): StateValue => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== "object" || v === null) return v as StateValue;
    const o = v as Record<string, unknown>;
    if (typeof o[TENSOR] === "string") {
      const key = o[TENSOR];
      if (!Object.hasOwn(tensors, key)) throw new CheckpointError(file, `refers to tensor "${key}", which its tensor file does not hold`);
      return tensors[key];
    }
    if (NUMBER in o) {
      const spelled = o[NUMBER];
      if (spelled !== "NaN" && spelled !== "Infinity" && spelled !== "-Infinity") {
        throw new CheckpointError(file, `holds {"${NUMBER}": ${JSON.stringify(spelled)}}; only "NaN", "Infinity" and "-Infinity" are written that way`);
      }
      return Number(spelled);
    }
    return Object.fromEntries(Object.entries(o).map(([k, item]) => [k, walk(item)]));
  };
  return walk(json);
}

function isPlainObject(v: object): v is Record<string, StateValue> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
