/** A worker thread of the wasm backend in Node.js (spawned by wasm-host.ts). */
import { workerData } from "node:worker_threads";
import { joinPool, type WorkerStart } from "../../backend/wasm/worker-loop.js";

joinPool(workerData as WorkerStart);
