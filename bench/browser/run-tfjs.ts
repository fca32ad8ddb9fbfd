/**
 * Browser bench job: the workloads on TF.js 4.22 — its cpu backend, or its wasm backend, whose
 * threaded SIMD build TF.js picks by itself on a cross-origin-isolated page ("wasm-mt") and whose
 * one-thread SIMD build it picks elsewhere ("wasm"). As in Node (peers/tfjs-wasm-loader.ts), TF.js
 * sizes its XNNPACK pool at half the logical cores, one thread on a 2-core machine, so while it
 * initialises the worker's navigator reports each core twice, and it is asked for one per core.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients.js";
import "@tensorflow/tfjs-backend-cpu";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { measureTfjs } from "../peers/tfjs-workloads.js";
import { keysOf, runJob } from "./job.js";

runJob(async (params, timing) => {
  const backend = params.get("backend") ?? "";
  tf.env().set("PROD", true);
  if (backend === "wasm" || backend === "wasm-mt") {
    setWasmPaths(new URL("./", self.location.href).href); // the bench copies the package's .wasm files beside this bundle
    if (backend === "wasm-mt") setThreadsCount(navigator.hardwareConcurrency);
  } else if (backend !== "cpu") throw new Error(`tfjs: unknown backend "${backend}" (cpu, wasm, wasm-mt)`);
  const cores = navigator.hardwareConcurrency;
  Object.defineProperty(navigator, "hardwareConcurrency", { value: 2 * cores, configurable: true });
  try {
    if (!(await tf.setBackend(backend === "cpu" ? "cpu" : "wasm"))) throw new Error(`tfjs: the ${backend} backend did not initialise`);
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter again
  }
  const threads = backend === "cpu" ? 1 : getThreadsCount();
  const multithreaded = backend !== "cpu" && (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  if (backend === "wasm-mt" && !multithreaded) throw new Error("tfjs: the threaded wasm build needs a cross-origin-isolated page");
  const result = await measureTfjs(keysOf(params), { library: "tfjs", backend, threads }, timing);
  if (backend !== "cpu") result.notes.unshift(`tfjs/${backend} ran ${multithreaded ? "tfjs-backend-wasm-threaded-simd.wasm" : "tfjs-backend-wasm-simd.wasm"}, ${threads} thread${threads > 1 ? "s" : ""}`);
  return result;
});
