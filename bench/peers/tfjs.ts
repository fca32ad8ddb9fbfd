/**
 * The BENCHMARKS.md workloads (tfjs-workloads.ts) on TensorFlow.js 4.22 in Node: tfjs-core with its
 * cpu or wasm backend, loaded as Node needs it (the gradients from tfjs-core's ES-module build, the
 * wasm builds from the package's files).
 */
import { register } from "node:module";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import type { LibraryResult, Timing } from "../harness.js";
import { measureTfjs } from "./tfjs-workloads.js";
import { loadTfjsWasm, type TfjsWasmVariant } from "./tfjs-wasm-loader.js";

/** The TF.js configurations the bench measures: its pure-JS backend, and the wasm backend's two builds. */
export type TfjsBackend = "cpu" | TfjsWasmVariant;

/** Runs `keys` on one TF.js backend; call once per process (a TF.js wasm build is chosen at load). */
export async function runTfjs(backend: TfjsBackend, keys: readonly string[], timing: Timing): Promise<LibraryResult> {
  register("./tfjs-esm-hooks.js", import.meta.url);
  await import("@tensorflow/tfjs-core/dist/register_all_gradients.js"); // see tfjs-esm-hooks.ts
  tf.env().set("PROD", true); // production mode, as a deployed app runs: no debug checks, no "install tfjs-node" banner
  const notes: string[] = [];
  let threads = 1;
  if (backend === "cpu") {
    if (!(await tf.setBackend("cpu"))) throw new Error("tfjs: the cpu backend did not initialise");
  } else {
    const loaded = await loadTfjsWasm(backend);
    threads = loaded.threads;
    notes.push(loaded.note);
  }
  const result = await measureTfjs(keys, { library: "tfjs", backend, threads }, timing);
  return { rows: result.rows, notes: [...notes, ...result.notes] };
}
