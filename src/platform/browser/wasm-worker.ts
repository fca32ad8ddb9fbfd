/** A Web Worker of the wasm backend's pool (spawned by wasm-host.ts): it waits for its start message. */
import { joinPool, type WorkerStart } from "../../backend/wasm/worker-loop.js";

self.addEventListener("message", (event: MessageEvent<WorkerStart>) => joinPool(event.data), { once: true });
