/**
 * Peers and the memory run go in child processes: each TF.js build is chosen once per process,
 * ConvNetJS's float64 VGG-11 weights should not stay in the measuring process, the memory run
 * needs a fresh process to be meaningful, and PyTorch is Python. A child prints its progress on
 * stderr (passed through) and its JSON result as the last line of stdout.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { firstLine, type LibraryResult } from "./harness.js";

/**
 * Runs `command args` and parses the JSON it prints last; a failure, or no result within
 * `timeoutSeconds` (the child is then killed), is an Error naming the child.
 */
export function runChildJson<T>(name: string, command: string, args: readonly string[], timeoutSeconds: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], timeout: timeoutSeconds * 1000, killSignal: "SIGKILL" });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (err) => reject(new Error(`${name} did not start: ${firstLine(err)}`)));
    child.on("close", (code, signal) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        const how = signal === "SIGKILL" ? `was stopped after ${timeoutSeconds} s` : `exited with code ${code}`;
        reject(new Error(`${name} ${how} without a result${last ? `: ${last.slice(0, 200)}` : ""}`));
      }
    });
  });
}

/** A peer's LibraryResult; if the child fails, a note saying so. */
export async function runPeerChild(name: string, command: string, args: readonly string[], timeoutSeconds: number): Promise<LibraryResult> {
  try {
    return await runChildJson<LibraryResult>(name, command, args, timeoutSeconds);
  } catch (err) {
    return { rows: [], notes: [firstLine(err)] };
  }
}

/** The compiled child entry (dist/bench/child.js) with this Node. */
export const nodeChild = { command: process.execPath, entry: fileURLToPath(new URL("./child.js", import.meta.url)) };
