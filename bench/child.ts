/**
 * Entry of the bench's child processes (see spawn.ts):
 *   node dist/bench/child.js tfjs <cpu|wasm|wasm-mt> <quick|full> KEY,KEY…
 *   node dist/bench/child.js convnetjs js <quick|full> KEY,KEY…
 *   node dist/bench/child.js <onnxruntime-web|onnxruntime-node> THREADS[,THREADS…] <quick|full> KEY,KEY…
 *   node dist/bench/child.js memory <backend> <steps> <lenet5|char-lstm>
 * It prints one JSON result on stdout: a LibraryResult, or for `memory` a MemoryReport.
 */
import { timingFor } from "./harness.js";
import type { MemoryModel } from "./memory.js";

async function main(): Promise<unknown> {
  const [what, backend, mode, keyList] = process.argv.slice(2);
  const keys = keyList ? keyList.split(",") : [];
  const timing = timingFor(mode === "quick");
  switch (what) {
    case "tfjs": {
      const { runTfjs } = await import("./peers/tfjs.js");
      if (backend !== "cpu" && backend !== "wasm" && backend !== "wasm-mt") throw new Error(`child: unknown TF.js backend "${backend}" (cpu, wasm, wasm-mt)`);
      return runTfjs(backend, keys, timing);
    }
    case "convnetjs": {
      const { runConvnetjs } = await import("./peers/convnetjs.js");
      return runConvnetjs(keys, timing);
    }
    case "onnxruntime-web":
    case "onnxruntime-node": {
      const { runOnnxruntime } = await import("./peers/onnxruntime.js");
      const threads = backend.split(",").map(Number);
      if (!threads.every((t) => Number.isInteger(t) && t > 0)) throw new Error(`child: ${what} wants thread counts such as 1 or 2,1, got "${backend}"`);
      return runOnnxruntime(what, threads, keys, timing);
    }
    case "memory": {
      const { runMemory } = await import("./memory.js");
      return runMemory(backend, Number(mode), keyList as MemoryModel);
    }
    default:
      throw new Error(`child: unknown job "${what}" (tfjs, convnetjs, onnxruntime-web, onnxruntime-node, memory)`);
  }
}

main().then(
  (result) => {
    // Exit explicitly: TF.js's and onnxruntime-web's wasm worker threads would otherwise keep the process alive.
    process.stdout.write(JSON.stringify(result) + "\n", () => process.exit(0));
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
