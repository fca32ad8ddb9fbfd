/**
 * PyTorch as a peer: bench/peers/pytorch_workloads.py run by Debian's python3 (which has
 * python3-torch; the `python3` on PATH may be another one without it). STRATA_BENCH_PYTHON
 * overrides the interpreter, e.g. to check that the bench carries on without torch.
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { childTimeoutSeconds, firstLine, type LibraryResult, type Timing } from "../harness.js";
import { runPeerChild } from "../spawn.js";

/** The script is not compiled: from dist/bench/peers/ it is found in the source tree. */
const script = fileURLToPath(new URL("../../../bench/peers/pytorch_workloads.py", import.meta.url));

export function pythonForTorch(): string {
  return process.env.STRATA_BENCH_PYTHON || "/usr/bin/python3";
}

/** Why PyTorch cannot run here, or null when `import torch` works. */
export function torchUnavailable(python: string): string | null {
  const probe = spawnSync(python, ["-c", "import torch"], { encoding: "utf8" });
  if (probe.error) return `${python} did not run (${firstLine(probe.error)})`;
  if (probe.status !== 0) return `${python} -c "import torch" failed (${firstLine(probe.stderr.trim().split("\n").at(-1) ?? "")})`;
  return null;
}

/**
 * Runs `keys` on PyTorch with one thread per core (as BENCHMARKS.md asks) and then with one thread,
 * or returns a note saying why it cannot. The one-thread run matters on a shared machine: PyTorch's
 * OpenMP threads wait on each other at every op, so when other work takes a core its two-thread
 * figures collapse (measured here with a load average of 8: W2m, W3 and W5 6–36× below its one-thread ones).
 */
export async function runPytorch(keys: readonly string[], timing: Timing): Promise<LibraryResult> {
  const python = pythonForTorch();
  const missing = torchUnavailable(python);
  if (missing) return { rows: [], notes: [`pytorch skipped: ${missing}`] };
  const threads = [...new Set([cpus().length, 1])];
  const args = [script, threads.join(","), String(timing.warmup), String(timing.reps), String(timing.minSeconds), String(timing.budgetSeconds), keys.join(",")];
  return runPeerChild("pytorch", python, args, childTimeoutSeconds(timing, keys.length * threads.length));
}
