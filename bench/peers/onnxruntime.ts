/**
 * ONNX Runtime 1.31 as a peer on the inference workloads (W3i, W3i-1, W6), run on the ONNX files of
 * bench/models (see onnx-models.ts), with ORT's default graph optimisations, as a user gets them:
 * - onnxruntime-web, a devDependency, on its SIMD wasm build (ort-wasm-simd-threaded.wasm). Its thread
 *   count (`env.wasm.numThreads`; Emscripten pthreads on Node worker threads) is fixed when the wasm is
 *   initialised, once per process, so the bench runs one process per thread count.
 * - onnxruntime-node, native CPU, when it is installed by hand (README, Performance): its install script
 *   downloads, so it is no dependency. `intraOpNumThreads` is per session, so one process runs every count.
 * A repetition is one awaited `session.run` on a fixed input; building the session is not timed.
 */
import type * as Ort from "onnxruntime-web";
import { firstLine, measureAll, type LibraryResult, type Runnable, type Timing } from "../harness.js";
import { ONNX_WORKLOADS, prepareModel, seededFloats, type OnnxModel, type PreparedModel } from "./onnx-models.js";

export type OnnxRuntimeName = "onnxruntime-web" | "onnxruntime-node";

/** The API both packages share (onnxruntime-common's); each package's Tensor goes with its own sessions. */
type OrtApi = Pick<typeof Ort, "InferenceSession" | "Tensor">;
type SessionOptions = Ort.InferenceSession.SessionOptions;

/** A runtime ready to make sessions: its row labels, and the session options for a thread count and model. */
interface Runtime {
  ort: OrtApi;
  backend: string;
  /** The thread counts it really runs (onnxruntime-web may fall back to one). */
  threads: number[];
  options(threads: number, model: PreparedModel): SessionOptions;
  note: string;
}

/** The side install the README documents; onnxruntime-node's binaries for Linux, macOS and Windows ship in the package. */
export const ORT_NODE_INSTALL = "npm install --no-save --ignore-scripts onnxruntime-node@1.31.1";

async function loadWeb(threadCounts: readonly number[]): Promise<Runtime> {
  if (threadCounts.length !== 1) {
    throw new Error(`onnxruntime-web: one thread count per process (env.wasm.numThreads is fixed when its wasm starts), got ${threadCounts.join(",")}`);
  }
  const ort = await import("onnxruntime-web");
  ort.env.wasm.numThreads = threadCounts[0];
  // The first session initialises the wasm; make one now, so that the thread count it settled on labels the rows.
  await (await ort.InferenceSession.create(prepareModel("lenet5").path, { executionProviders: ["wasm"] })).release();
  const threads = ort.env.wasm.numThreads;
  const fellBack = threads !== threadCounts[0] ? ` (asked for ${threadCounts[0]}: it found no multi-threaded WebAssembly here)` : "";
  return {
    ort,
    backend: "wasm",
    threads: [threads],
    // onnxruntime-web does not find external data by itself: it is handed the file, under the name the graph uses.
    options: (_threads, model) => ({
      executionProviders: ["wasm"],
      externalData: model.external ? [{ path: model.external.dataFile, data: model.external.path }] : undefined,
    }),
    note: `onnxruntime-web ${ort.env.versions.web} ran ort-wasm-simd-threaded.wasm (SIMD), ${threads} thread${threads > 1 ? "s (worker threads)" : ""}${fellBack}`,
  };
}

/** onnxruntime-node, or why it is skipped. */
async function loadNode(threadCounts: readonly number[]): Promise<Runtime | string> {
  const name: string = "onnxruntime-node"; // a variable, so that TypeScript does not ask for the optional package
  let ort: OrtApi & { env: { versions: Record<string, string> } };
  try {
    ort = await import(name);
  } catch (err) {
    return `onnxruntime-node skipped: import("onnxruntime-node") failed (${firstLine(err)}); to include it: ${ORT_NODE_INSTALL}`;
  }
  return {
    ort,
    backend: "cpu",
    threads: [...threadCounts],
    options: (threads) => ({ executionProviders: ["cpu"], intraOpNumThreads: threads, interOpNumThreads: 1 }),
    note: `onnxruntime-node ${ort.env.versions.node} ran its native CPU provider, intraOpNumThreads ${threadCounts.join(" and ")}`,
  };
}

/** One awaited `session.run` on a seeded random input of the workload's shape, or why there is none. */
async function makeOrtWorkload(runtime: Runtime, threads: number, key: string, model: (m: OnnxModel) => PreparedModel): Promise<Runnable | string> {
  const workload = ONNX_WORKLOADS[key];
  if (!workload) return `no ONNX model for workload ${key} (the bench runs ONNX Runtime on inference only)`;
  const prepared = model(workload.model);
  const session = await runtime.ort.InferenceSession.create(prepared.path, runtime.options(threads, prepared));
  const data = new Float32Array(workload.input.reduce((a, b) => a * b, 1));
  seededFloats(1, 1)(data);
  const feeds = { [session.inputNames[0]]: new runtime.ort.Tensor("float32", data, workload.input) };
  return {
    units: workload.input[0],
    run: async () => void (await session.run(feeds)),
    dispose: () => session.release(),
  };
}

/**
 * Runs `keys` on one ONNX Runtime package with each of `threadCounts` (onnxruntime-web: exactly one),
 * or returns a note saying why it cannot. VGG-11's weights file is written once, on first use, and
 * deleted at the end.
 */
export async function runOnnxruntime(name: OnnxRuntimeName, threadCounts: readonly number[], keys: readonly string[], timing: Timing): Promise<LibraryResult> {
  const runtime = name === "onnxruntime-web" ? await loadWeb(threadCounts) : await loadNode(threadCounts);
  if (typeof runtime === "string") return { rows: [], notes: [runtime] };
  const prepared = new Map<OnnxModel, PreparedModel>();
  const model = (m: OnnxModel) => prepared.get(m) ?? prepared.set(m, prepareModel(m)).get(m)!;
  const result: LibraryResult = { rows: [], notes: [runtime.note] };
  try {
    for (const threads of runtime.threads) {
      const r = await measureAll(keys, (key) => makeOrtWorkload(runtime, threads, key, model), { library: name, backend: runtime.backend, threads }, timing);
      result.rows.push(...r.rows);
      result.notes.push(...r.notes);
    }
  } finally {
    for (const p of prepared.values()) p.remove();
  }
  return result;
}
