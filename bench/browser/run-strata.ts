/** Browser bench job: the workloads on Strata's wasm backend, at the threads this worker can have (one unless the page is isolated). */
import { backendInfo, nextTurn } from "../../src/index.js";
import { measureAll } from "../harness.js";
import { makeStrataWorkload } from "../workloads.js";
import { keysOf, runJob } from "./job.js";

runJob(async (params, timing) => {
  const info = backendInfo();
  if (info.backend !== "wasm") throw new Error(`strata: not on the wasm backend: ${info.why}`);
  // the pool's workers start in the background; time nothing before they all run
  while (backendInfo().threadsRunning < info.threads) await nextTurn();
  const result = await measureAll(keysOf(params), makeStrataWorkload, { library: "strata", backend: "wasm", threads: info.threads }, timing);
  result.notes.push(`strata/wasm ${info.threads}t: ${info.why}`);
  return result;
});
