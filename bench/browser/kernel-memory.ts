/**
 * Browser bench job: LeNet-5 training steps (W3) one turn of the event loop apart, as fit() runs
 * them, and the size of Strata's kernel memory along the way: a browser cannot be made to collect
 * garbage, so this shows whether the memory stays bounded.
 */
import { backendInfo, nextTurn } from "../../src/index.js";
import { makeStrataWorkload } from "../workloads.js";
import { runJob } from "./job.js";

runJob(async (params) => {
  const steps = Number(params.get("steps"));
  const marks = new Set([50, 500, 1000, 2000, 5000, 10_000, steps]);
  const step = makeStrataWorkload("W3");
  const memory: { step: number; bytes: number }[] = [];
  for (let i = 1; i <= steps; i++) {
    step.run();
    await nextTurn();
    if (marks.has(i)) memory.push({ step: i, bytes: backendInfo().memoryBytes });
  }
  return { threads: backendInfo().threads, memory };
});
